package io.ocellus.inference;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Random images encoded in the formats clients send. */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage random(int width, int height, int type, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    image.getRaster().setSample(x, y, 0, random.nextInt(256));
                } else {
                    int alpha = type == BufferedImage.TYPE_INT_ARGB ? 64 + random.nextInt(192) : 255;
                    image.setRGB(x, y, alpha << 24 | random.nextInt(1 << 24));
                }
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] grayPng(int width, int height, long seed) {
        return encode(random(width, height, BufferedImage.TYPE_BYTE_GRAY, seed), "png");
    }
}
