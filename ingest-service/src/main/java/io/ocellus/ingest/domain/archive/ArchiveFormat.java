package io.ocellus.ingest.domain.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The containers an archive upload may be. The declared content type only has to name an archive (or be
 * application/octet-stream); the container itself is recognised from its first bytes, because clients often label
 * a .tgz as application/x-tar or a tar as application/gzip.
 */
public enum ArchiveFormat {
    TAR("tar"), GZIP("tar.gz"), ZIP("zip");

    /** Bytes enough to recognise any of the formats: a whole tar header. */
    static final int HEAD_BYTES = TarConstants.DEFAULT_RCDSIZE;

    private static final Set<String> MEDIA_TYPES = Set.of("application/x-tar", "application/tar",
            "application/gzip", "application/x-gzip", "application/x-compressed-tar", "application/x-gtar",
            "application/zip", "application/x-zip-compressed", "application/octet-stream");

    private final String label;

    ArchiveFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the declared type may carry an archive; a missing type is treated as application/octet-stream. */
    public static boolean acceptsMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        return MEDIA_TYPES.contains(contentType.split(";")[0].trim().toLowerCase(Locale.ROOT));
    }

    public static String acceptedMediaTypes() {
        return String.join(", ", MEDIA_TYPES.stream().sorted().toList());
    }

    /** The container the first bytes announce; {@code head} may be shorter than {@link #HEAD_BYTES}. */
    static Optional<ArchiveFormat> sniff(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Optional.of(GZIP);
        }
        // local file header, or the end record of an empty zip
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4)
                || (head[2] == 5 && head[3] == 6))) {
            return Optional.of(ZIP);
        }
        if (isTarHeader(head)) {
            return Optional.of(TAR);
        }
        return Optional.empty();
    }

    /** A ustar/GNU header, an old v7 header with a valid checksum, or the zero block of an empty tar. */
    static boolean isTarHeader(byte[] head) {
        return hasTarHeader(head) || (head.length >= HEAD_BYTES && Arrays.equals(head, 0, HEAD_BYTES,
                new byte[HEAD_BYTES], 0, HEAD_BYTES));
    }

    /** A ustar/GNU magic or an old v7 header with a valid checksum (never true for all zeros). */
    static boolean hasTarHeader(byte[] head) {
        if (head.length < HEAD_BYTES) {
            return false;
        }
        if (TarArchiveInputStream.matches(head, head.length)) {
            return true;
        }
        try {
            return TarUtils.verifyCheckSum(head);
        } catch (IllegalArgumentException notOctal) {
            return false;
        }
    }
}
