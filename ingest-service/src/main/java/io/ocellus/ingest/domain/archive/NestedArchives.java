package io.ocellus.ingest.domain.archive;

import java.util.Set;

/**
 * Archives inside the archive are refused, by name and by content: unpacking them would multiply the entry and
 * size limits (the "zip bomb" shape), and a data set is one level of folders anyway.
 */
final class NestedArchives {

    private static final Set<String> EXTENSIONS = Set.of("zip", "tar", "gz", "tgz", "7z", "rar", "jar", "war",
            "bz2", "tbz2", "xz", "txz", "zst");
    private static final byte[][] MAGIC = {
            {'P', 'K', 3, 4}, {'P', 'K', 5, 6}, {'P', 'K', 7, 8},
            {0x1f, (byte) 0x8b},
            {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c},
            {'R', 'a', 'r', '!', 0x1a, 0x07},
            {'B', 'Z', 'h'},
            {(byte) 0xfd, '7', 'z', 'X', 'Z', 0},
            {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, // zstd
    };

    private NestedArchives() {
    }

    static boolean hasArchiveExtension(EntryPath path) {
        return EXTENSIONS.contains(path.extension());
    }

    static boolean looksLikeArchive(byte[] bytes) {
        for (byte[] magic : MAGIC) {
            if (startsWith(bytes, magic)) {
                return true;
            }
        }
        return ArchiveFormat.hasTarHeader(bytes);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
