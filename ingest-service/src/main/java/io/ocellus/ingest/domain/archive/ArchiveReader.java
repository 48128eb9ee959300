package io.ocellus.ingest.domain.archive;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an archive upload entry by entry while its bytes arrive: only the current entry and the decompressor's
 * window are ever held, whatever the archive's size. Zip is read with the streaming reader, which trusts local
 * headers (the central directory comes last, after everything has been taken in).
 */
public final class ArchiveReader implements Closeable {

    private static final int WIRE_BUFFER = 64 * 1024;
    private static final long MAX_TRAILER_BYTES = 64L * 1024 * 1024;

    private final CountingInputStream wire;
    private final ArchiveFormat format;
    private final ArchiveInputStream<? extends ArchiveEntry> archive;
    private ArchiveEntry first;

    private ArchiveReader(CountingInputStream wire, ArchiveFormat format,
                          ArchiveInputStream<? extends ArchiveEntry> archive, ArchiveEntry first) {
        this.wire = wire;
        this.format = format;
        this.archive = archive;
        this.first = first;
    }

    /**
     * Recognises the container and reads the first entry's header, so that a body which is no archive at all is
     * refused as a whole (400/415) before anything was taken in.
     */
    public static ArchiveReader open(InputStream body, String contentType) {
        if (!ArchiveFormat.acceptsMediaType(contentType)) {
            throw new ArchiveUnreadableException(415, "unsupported-archive-type", "content type '" + contentType
                    + "' is not an archive type; send one of " + ArchiveFormat.acceptedMediaTypes());
        }
        CountingInputStream wire = new CountingInputStream(body == null ? InputStream.nullInputStream() : body);
        try {
            BufferedInputStream buffered = new BufferedInputStream(wire, WIRE_BUFFER);
            byte[] head = peek(buffered);
            if (head.length == 0) {
                throw new ArchiveUnreadableException(400, "empty-archive", "the body is empty");
            }
            ArchiveFormat format = ArchiveFormat.sniff(head).orElseThrow(() -> new ArchiveUnreadableException(400,
                    "not-an-archive", "the body is not a tar, tar.gz or zip archive"));
            ArchiveInputStream<? extends ArchiveEntry> archive = switch (format) {
                case TAR -> new TarArchiveInputStream(buffered);
                case ZIP -> new ZipArchiveInputStream(buffered, StandardCharsets.UTF_8.name(), true, true);
                case GZIP -> tarInGzip(buffered);
            };
            return new ArchiveReader(wire, format, archive, archive.getNextEntry());
        } catch (IOException e) {
            throw new ArchiveUnreadableException(400, "corrupt-archive", "the archive cannot be read: "
                    + describe(e));
        }
    }

    private static ArchiveInputStream<? extends ArchiveEntry> tarInGzip(InputStream compressed) throws IOException {
        GzipCompressorInputStream gzip = GzipCompressorInputStream.builder().setInputStream(compressed)
                .setDecompressConcatenated(true).get();
        // a small buffer: the gzip reader blocks until it can fill a whole read, which must not wait on later entries
        BufferedInputStream tar = new BufferedInputStream(gzip, ArchiveFormat.HEAD_BYTES);
        if (!ArchiveFormat.isTarHeader(peek(tar))) {
            throw new ArchiveUnreadableException(400, "not-an-archive",
                    "the body is gzip-compressed but does not hold a tar archive");
        }
        return new TarArchiveInputStream(tar);
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(ArchiveFormat.HEAD_BYTES);
        byte[] head = in.readNBytes(ArchiveFormat.HEAD_BYTES);
        in.reset();
        return head;
    }

    public ArchiveFormat format() {
        return format;
    }

    /** The next entry's header, or null at the archive's end. */
    public ArchiveEntry next() throws IOException {
        if (first != null) {
            ArchiveEntry entry = first;
            first = null;
            return entry;
        }
        return archive.getNextEntry();
    }

    /** The current entry's bytes; reading past them gives end of stream. Not to be closed by the caller. */
    public InputStream data() {
        return archive;
    }

    /** False for zip entries that are encrypted or use a compression method the reader lacks. */
    public boolean canReadData(ArchiveEntry entry) {
        return archive.canReadEntryData(entry);
    }

    /** Bytes received so far, as sent (compressed). */
    public long wireBytes() {
        return wire.count();
    }

    /**
     * Reads the little the client still sends after the archive's end (a zip's central directory, tar padding), so
     * that the connection is clean for its next request. Bounded, and not used after a stop: the HTTP server
     * discards an unread body itself once the answer is sent.
     */
    public void discardRest() {
        byte[] buffer = new byte[8192];
        long left = MAX_TRAILER_BYTES;
        try {
            int n;
            while (left > 0 && (n = wire.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing more to read, nobody to answer
        }
    }

    @Override
    public void close() {
        try {
            archive.close();
        } catch (IOException e) {
            // the request body is gone either way
        }
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
