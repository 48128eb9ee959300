package io.ocellus.vision.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Window positions over an image: the top-left corners {@code (x, y)} on a grid of {@code step}, for every
 * window of {@code width x height} that lies wholly inside. Along an axis of length {@code n} there are
 * {@code floor((n - size) / step) + 1} positions, none when the window is larger than the image.
 */
public final class SlidingWindows {

    /** A window's top-left corner in the coordinates of the image it slides over. */
    public record Position(int x, int y) {
    }

    private SlidingWindows() {
    }

    public static int count(int imageWidth, int imageHeight, int width, int height, int step) {
        return along(imageWidth, width, step) * along(imageHeight, height, step);
    }

    public static List<Position> positions(int imageWidth, int imageHeight, int width, int height, int step) {
        List<Position> positions = new ArrayList<>(count(imageWidth, imageHeight, width, height, step));
        for (int y = 0; y + height <= imageHeight; y += step) {
            for (int x = 0; x + width <= imageWidth; x += step) {
                positions.add(new Position(x, y));
            }
        }
        return positions;
    }

    private static int along(int length, int size, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("the window step must be >= 1, got " + step);
        }
        return size > length ? 0 : (length - size) / step + 1;
    }
}
