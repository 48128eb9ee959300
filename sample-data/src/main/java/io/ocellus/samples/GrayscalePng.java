package io.ocellus.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * 8-bit grayscale PNGs from raw pixel rows (IDX, MNIST JSON). The same pixels always give the same bytes, so a
 * sample imported twice is one content-addressed image.
 */
public final class GrayscalePng {

    private GrayscalePng() {
    }

    public static byte[] encode(byte[] pixels, int width, int height) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + pixels.length / 2);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The gray levels of a PNG written by {@link #encode}, row by row (for checks). */
    public static byte[] decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null || image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
                throw new IllegalArgumentException("not an 8-bit grayscale PNG");
            }
            return ((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
