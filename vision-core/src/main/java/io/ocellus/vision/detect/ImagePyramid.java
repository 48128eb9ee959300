package io.ocellus.vision.detect;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The image at decreasing sizes: level {@code i} is the original scaled by {@code 1 / scale^i} (sizes rounded
 * down), for as long as both sides stay at least the minimum size. A window of fixed size then covers ever larger
 * parts of the scene, so one classifier finds objects of many sizes.
 */
public final class ImagePyramid {

    /** One level: its index, its size, and the factors from its coordinates back to the original's. */
    public record Level(int index, int width, int height, double toOriginalX, double toOriginalY) {
    }

    private ImagePyramid() {
    }

    public static List<Level> levels(int width, int height, double scale, int minWidth, int minHeight) {
        if (!(scale > 1)) {
            throw new IllegalArgumentException("the pyramid scale must be > 1, got " + scale);
        }
        if (minWidth < 1 || minHeight < 1) {
            throw new IllegalArgumentException("the minimum size must be positive, got " + minWidth + "x" + minHeight);
        }
        List<Level> levels = new ArrayList<>();
        for (int i = 0; ; i++) {
            double factor = Math.pow(scale, i);
            int w = (int) Math.floor(width / factor + 1e-9);
            int h = (int) Math.floor(height / factor + 1e-9);
            if (w < minWidth || h < minHeight) {
                return levels;
            }
            levels.add(new Level(i, w, h, (double) width / w, (double) height / h));
        }
    }

    /** The image of one level, resized with bilinear interpolation (gray stays gray). */
    public static BufferedImage render(BufferedImage image, Level level) {
        if (level.width() == image.getWidth() && level.height() == image.getHeight()) {
            return image;
        }
        int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_ARGB;
        BufferedImage out = new BufferedImage(level.width(), level.height(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, level.width(), level.height(), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
