package io.ocellus.vision;

import java.awt.image.BufferedImage;

/** What decoding told about an image, and its pixels for whoever goes on to use them. */
public record InspectedImage(ImageFormat format, int width, int height, int channels, BufferedImage image) {
}
