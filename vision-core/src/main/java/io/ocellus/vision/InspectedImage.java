package io.ocellus.vision;

import java.awt.image.BufferedImage;

/**
 * What decoding told about an image, and its pixels for whoever goes on to use them. The pixels hold a share of
 * the process's {@link DecodeBudget} until the image is closed: close it once the pixels are no longer needed.
 */
public record InspectedImage(ImageFormat format, int width, int height, int channels, BufferedImage image,
                             DecodeBudget.Reservation reservation) implements AutoCloseable {

    @Override
    public void close() {
        if (reservation != null) {
            reservation.close();
        }
    }
}
