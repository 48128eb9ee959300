package io.ocellus.stack.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The content type to declare for an archive, and how many files it holds (the progress bar's total). Counting a
 * zip reads its central directory and a tar skips over the data; a tar.gz must be decompressed, so only small ones
 * are counted in advance and a large one gets a bar without total.
 */
final class ArchiveEntries {

    static final long MAX_GZIP_TO_COUNT = 512L << 20;

    private ArchiveEntries() {
    }

    static String contentType(Path archive) {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            return "application/zip";
        }
        if (name.endsWith(".tar")) {
            return "application/x-tar";
        }
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return "application/gzip";
        }
        return "application/octet-stream"; // ingest-service recognises the container from its first bytes
    }

    /** Files (not folders) in the archive, or -1 when unknown or too costly to count. */
    static long countFiles(Path archive) {
        try {
            String type = contentType(archive);
            if (type.equals("application/zip")) {
                try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                    return Collections.list(zip.getEntries()).stream().filter(e -> !e.isDirectory()).count();
                }
            }
            boolean gzip = isGzip(archive);
            if (gzip && Files.size(archive) > MAX_GZIP_TO_COUNT) {
                return -1;
            }
            try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                 TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(file)
                         : file)) {
                long files = 0;
                ArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    files += entry.isDirectory() ? 0 : 1;
                }
                return files;
            }
        } catch (IOException | RuntimeException e) {
            return -1; // the service judges the archive; the bar just has no total
        }
    }

    private static boolean isGzip(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
