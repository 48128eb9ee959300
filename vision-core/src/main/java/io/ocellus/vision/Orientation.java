package io.ocellus.vision;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;

/**
 * Quarter turns of an image, the four orientations an orientation classifier tells apart. An image labelled with
 * angle {@code a} (0, 90, 180 or 270) is the upright image turned {@code a} degrees clockwise; turning it
 * {@code 360 - a} degrees clockwise ({@link #corrected}) sets it upright again. The orientation data sets and the
 * orientation endpoint both turn images here, so training and serving agree on what an angle means.
 */
public final class Orientation {

    /** The angles, in degrees clockwise, in label order. */
    public static final List<Integer> ANGLES = List.of(0, 90, 180, 270);

    private Orientation() {
    }

    /** {@code image} turned {@code degrees} clockwise; {@code degrees} is a multiple of 90. */
    public static BufferedImage rotated(BufferedImage image, int degrees) {
        int turns = Math.floorMod(degrees, 360) / 90;
        if (Math.floorMod(degrees, 90) != 0) {
            throw new IllegalArgumentException("only quarter turns are supported, got " + degrees + " degrees");
        }
        if (turns == 0) {
            return image;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        boolean swapped = turns % 2 == 1;
        // the same color model and sample layout: pixels move, their values stay exactly as they were
        WritableRaster from = image.getRaster();
        WritableRaster to = image.getColorModel().createCompatibleWritableRaster(swapped ? height : width,
                swapped ? width : height);
        int[] pixel = new int[from.getNumBands()];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                from.getPixel(x, y, pixel);
                switch (turns) {
                    case 1 -> to.setPixel(height - 1 - y, x, pixel);
                    case 2 -> to.setPixel(width - 1 - x, height - 1 - y, pixel);
                    default -> to.setPixel(y, width - 1 - x, pixel);
                }
            }
        }
        return new BufferedImage(image.getColorModel(), to, image.isAlphaPremultiplied(), null);
    }

    /** An image found turned {@code degrees} clockwise, set upright. */
    public static BufferedImage corrected(BufferedImage image, int degrees) {
        return rotated(image, 360 - Math.floorMod(degrees, 360));
    }

    /**
     * The angle a label of an orientation model stands for.
     *
     * @throws IllegalArgumentException when the label is not one of the four angles
     */
    public static int angleOf(String label) {
        try {
            int angle = Integer.parseInt(label.strip());
            if (ANGLES.contains(angle)) {
                return angle;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + label + "' is not an orientation label; an orientation model's "
                + "labels are " + ANGLES);
    }
}
