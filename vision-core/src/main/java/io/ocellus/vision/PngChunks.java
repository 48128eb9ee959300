package io.ocellus.vision;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checks the CRC of every critical PNG chunk (IHDR, PLTE, IDAT, IEND), which Java's PNG reader does not: a file
 * with a damaged header or data is refused here as libpng and browsers refuse it, instead of being stored and
 * decoded differently by every reader.
 */
final class PngChunks {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static boolean isPng(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Throws a 400 naming the first critical chunk whose CRC is wrong or that runs past the end of the file. */
    static void check(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int at = SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (at + 12 <= bytes.length) {
            long length = Integer.toUnsignedLong(buffer.getInt(at));
            String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (at + 12 + length > bytes.length) {
                throw corrupt("chunk " + type + " runs past the end of the file (truncated)");
            }
            if (Character.isUpperCase(type.charAt(0))) {
                crc.reset();
                crc.update(bytes, at + 4, 4 + (int) length);
                long stored = Integer.toUnsignedLong(buffer.getInt(at + 8 + (int) length));
                if (crc.getValue() != stored) {
                    throw corrupt("chunk " + type + " at byte " + at + " has a wrong CRC (damaged file)");
                }
            }
            if ("IEND".equals(type)) {
                return;
            }
            at += 12 + (int) length;
        }
        throw corrupt("no IEND chunk (truncated file)");
    }

    private static ImageRejectedException corrupt(String why) {
        return new ImageRejectedException(400, "corrupt-image", "the PNG is corrupt: " + why);
    }
}
