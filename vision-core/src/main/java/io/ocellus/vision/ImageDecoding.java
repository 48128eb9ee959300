package io.ocellus.vision;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Decodes stored image bytes (PNG, JPEG, BMP, GIF) into pixels. */
public final class ImageDecoding {

    static {
        // ImageIO buffers streams it cannot seek in temporary files by default: every decode of bytes already in
        // memory would go through the disk (about five times slower for small images)
        ImageIO.setUseCache(false);
    }

    private ImageDecoding() {
    }

    public static BufferedImage decode(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("the image cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new ImageDecodeException("the bytes are not an image format Ocellus reads (PNG, JPEG, BMP, GIF)",
                    null);
        }
        return image;
    }

    /** Bytes that are not a readable image. */
    public static final class ImageDecodeException extends RuntimeException {
        public ImageDecodeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
