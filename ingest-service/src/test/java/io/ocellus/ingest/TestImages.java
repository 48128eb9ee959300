package io.ocellus.ingest;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/** Images made on the spot for tests: random pixels, so every call gives new bytes. */
final class TestImages {

    private TestImages() {
    }

    static byte[] random(String format, int type, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, type);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format + " and image type " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] random(String format, int width, int height) {
        return random(format, BufferedImage.TYPE_INT_RGB, width, height);
    }

    static byte[] png(int width, int height) {
        return random("png", width, height);
    }

    /** A JPEG cut to a third: its header is intact, its pixels are not. */
    static byte[] truncatedJpeg() {
        byte[] jpeg = random("jpeg", 64, 64);
        return Arrays.copyOf(jpeg, jpeg.length / 3);
    }

    /**
     * A valid PNG signature and header announcing {@code width}×{@code height} pixels, followed by no real data: what
     * a decompression bomb looks like before its pixels are decoded.
     */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteBuffer png = ByteBuffer.allocate(8 + 12 + 13 + 12);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put("IHDR".getBytes()).put(ihdr.array()).putInt(crc("IHDR", ihdr.array()));
        png.putInt(0).put("IEND".getBytes()).putInt(crc("IEND", new byte[0]));
        return png.array();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int crc(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        return (int) crc.getValue();
    }
}
