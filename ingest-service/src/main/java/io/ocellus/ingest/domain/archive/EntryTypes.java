package io.ocellus.ingest.domain.archive;

import io.ocellus.vision.ImageRejectedException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Only regular files carry images. Links are refused rather than followed: their target is another entry or a
 * path on the sender's machine, and following either is how archive attacks start. A streamed zip does not know
 * its entries' Unix modes (they live in the central directory at the end), so only tar links are seen here.
 */
final class EntryTypes {

    private EntryTypes() {
    }

    static void requireRegularFile(ArchiveEntry entry) {
        if (entry instanceof TarArchiveEntry tar) {
            if (tar.isSymbolicLink()) {
                throw new ImageRejectedException(400, "symlink", "symbolic link (to '" + tar.getLinkName()
                        + "'): links are not followed");
            }
            if (tar.isLink()) {
                throw new ImageRejectedException(400, "hardlink", "hard link (to '" + tar.getLinkName()
                        + "'): links are not followed");
            }
            if (tar.isCharacterDevice() || tar.isBlockDevice() || tar.isFIFO()) {
                throw new ImageRejectedException(400, "device", "device or pipe entry: only regular files hold images");
            }
            if (!tar.isFile()) {
                throw new ImageRejectedException(400, "not-a-file", "tar entry of type '" + (char) tar.getLinkFlag()
                        + "' is not a regular file");
            }
        }
        if (entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink()) {
            throw new ImageRejectedException(400, "symlink", "symbolic link: links are not followed");
        }
    }
}
