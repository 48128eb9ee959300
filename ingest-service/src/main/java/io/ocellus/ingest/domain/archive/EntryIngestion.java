package io.ocellus.ingest.domain.archive;

import io.ocellus.ingest.domain.ImageIngestion;
import io.ocellus.vision.ImageRejectedException;
import io.ocellus.ingest.domain.IngestMetrics;
import io.ocellus.ingest.domain.IngestedImage;
import io.ocellus.ingest.domain.UploadTarget;
import org.apache.commons.compress.archivers.ArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Judges and takes in the entries of one archive, in order. The cheap checks on the header come first (name,
 * type, extension, folders) so that a refused entry's bytes are skipped, never held; an entry that passes is read
 * with the per-image size cap and handed to {@link ImageIngestion}, which decides whether it is a good image.
 * IOExceptions are the archive stream's own failures and are left to the caller: they end the archive.
 */
final class EntryIngestion {

    private final ImageIngestion images;
    private final IngestMetrics metrics;
    private final ArchiveLayout layout;
    private final long maxImageBytes;
    private long bytesRead;

    EntryIngestion(ImageIngestion images, IngestMetrics metrics, UploadTarget base, long maxImageBytes) {
        this.images = images;
        this.metrics = metrics;
        this.layout = new ArchiveLayout(base);
        this.maxImageBytes = maxImageBytes;
    }

    /** The entry's outcome; empty for directories, which are only structure. */
    Optional<EntryOutcome> take(ArchiveEntry entry, ArchiveReader reader) throws IOException {
        if (entry.isDirectory()) {
            return Optional.empty();
        }
        String name = entry.getName();
        byte[] bytes;
        String mediaType;
        UploadTarget target;
        try {
            EntryPath path = EntryPath.parse(name);
            EntryTypes.requireRegularFile(entry);
            if (path.hidden()) {
                return Optional.of(EntryOutcome.skipped(name, "hidden or system file"));
            }
            if (NestedArchives.hasArchiveExtension(path)) {
                throw nestedArchive();
            }
            mediaType = ImageExtensions.mediaTypeOf(path).orElseThrow(() -> new ImageRejectedException(415,
                    "unsupported-extension", "'" + path.fileName() + "' is not an image file: expected "
                    + ImageExtensions.accepted()));
            target = layout.place(name, path);
            if (!reader.canReadData(entry)) {
                throw new ImageRejectedException(415, "unreadable-entry",
                        "the entry is encrypted or uses a compression method that cannot be read");
            }
            bytes = readCapped(reader.data(), entry.getSize());
            bytesRead += bytes.length;
            if (bytes.length == 0) {
                throw new ImageRejectedException(400, "empty-file", "the file is empty");
            }
            if (NestedArchives.looksLikeArchive(bytes)) {
                throw nestedArchive();
            }
        } catch (ImageRejectedException e) {
            // ImageIngestion counts its own rejections; these never reached it
            metrics.rejected(e.slug());
            return Optional.of(EntryOutcome.rejected(name, e));
        }
        try {
            IngestedImage image = images.ingest(bytes, mediaType, target);
            return Optional.of(EntryOutcome.ingested(name, image.imageId(), image.duplicate()));
        } catch (ImageRejectedException e) {
            return Optional.of(EntryOutcome.rejected(name, e));
        }
    }

    /** The decompressed bytes of every entry read so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** The entry's bytes, refused unread when its header announces too many and refused once they pass the cap. */
    private byte[] readCapped(InputStream data, long declaredSize) throws IOException {
        if (declaredSize > maxImageBytes) {
            throw tooLarge();
        }
        byte[] bytes = data.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxImageBytes + 1));
        if (bytes.length > maxImageBytes) {
            throw tooLarge();
        }
        return bytes;
    }

    private ImageRejectedException tooLarge() {
        return new ImageRejectedException(413, "image-too-large", "an image may have at most " + maxImageBytes
                + " bytes");
    }

    private static ImageRejectedException nestedArchive() {
        return new ImageRejectedException(415, "nested-archive", "archives inside the archive are not unpacked");
    }
}
