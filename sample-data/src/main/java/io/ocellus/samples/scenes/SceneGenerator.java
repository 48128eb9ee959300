package io.ocellus.samples.scenes;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scenes for training and evaluating detectors: 28x28 gray items (MNIST or Fashion-MNIST) scaled and placed at
 * random on a larger canvas, plain black, noisy, or a real photo in gray, never overlapping. Each placed item's
 * ground-truth box is the square it was drawn into, the box a window of the classifier's input size would frame.
 */
public final class SceneGenerator {

    /** What the canvas shows behind the items. */
    public sealed interface Background {
        record Plain() implements Background {
        }

        /** Uniform noise of levels 0..{@code amplitude}. */
        record Noise(int amplitude) implements Background {
        }

        /** A gray crop of {@code photo}, taken at random. */
        record Photo(BufferedImage photo) implements Background {
        }
    }

    /** One placed item: its square in scene pixels and its class. */
    public record Placed(int x1, int y1, int x2, int y2, int label) {
        boolean overlaps(Placed other, int margin) {
            return x1 - margin < other.x2 && other.x1 - margin < x2 && y1 - margin < other.y2
                    && other.y1 - margin < y2;
        }
    }

    public record Scene(BufferedImage image, List<Placed> objects) {
        public Scene {
            objects = List.copyOf(objects);
        }
    }

    private static final int SIDE = 28;
    private static final int ATTEMPTS = 200;

    private final List<List<byte[]>> itemsByClass;
    private final Random random;

    /** {@code itemsByClass.get(k)} holds class k's 28x28 gray items (784 bytes each, row by row). */
    public SceneGenerator(List<List<byte[]>> itemsByClass, long seed) {
        this.itemsByClass = List.copyOf(itemsByClass);
        this.random = new Random(seed);
    }

    /** A scene with up to {@code count} items whose sides are {@code 28 * [minScale, maxScale]} pixels. */
    public Scene scene(int width, int height, int count, double minScale, double maxScale, Background background) {
        if (maxScale < minScale || minScale <= 0 || SIDE * maxScale > Math.min(width, height)) {
            throw new IllegalArgumentException("item scales " + minScale + ".." + maxScale + " do not fit a "
                    + width + "x" + height + " scene");
        }
        BufferedImage canvas = canvas(width, height, background);
        List<Placed> placed = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS && placed.size() < count; attempt++) {
            int side = (int) Math.round(SIDE * (minScale + random.nextDouble() * (maxScale - minScale)));
            int x = random.nextInt(width - side + 1);
            int y = random.nextInt(height - side + 1);
            int label = random.nextInt(itemsByClass.size());
            Placed candidate = new Placed(x, y, x + side, y + side, label);
            if (placed.stream().anyMatch(p -> p.overlaps(candidate, 2))) {
                continue;
            }
            List<byte[]> items = itemsByClass.get(label);
            draw(canvas, items.get(random.nextInt(items.size())), candidate);
            placed.add(candidate);
        }
        return new Scene(canvas, placed);
    }

    private BufferedImage canvas(int width, int height, Background background) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        if (background instanceof Background.Noise noise) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    canvas.getRaster().setSample(x, y, 0, random.nextInt(noise.amplitude() + 1));
                }
            }
        } else if (background instanceof Background.Photo photo) {
            BufferedImage source = photo.photo();
            int x = source.getWidth() > width ? random.nextInt(source.getWidth() - width + 1) : 0;
            int y = source.getHeight() > height ? random.nextInt(source.getHeight() - height + 1) : 0;
            Graphics2D g = canvas.createGraphics();
            try {
                g.drawImage(source, 0, 0, width, height, x, y, x + Math.min(width, source.getWidth()),
                        y + Math.min(height, source.getHeight()), null);
            } finally {
                g.dispose();
            }
        }
        return canvas;
    }

    /** Draws the item scaled into its square, keeping the brighter of item and background at each pixel. */
    private static void draw(BufferedImage canvas, byte[] item, Placed where) {
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        small.getRaster().setDataElements(0, 0, SIDE, SIDE, item);
        int side = where.x2() - where.x1();
        BufferedImage scaled = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(small, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int level = scaled.getRaster().getSample(x, y, 0);
                int behind = canvas.getRaster().getSample(where.x1() + x, where.y1() + y, 0);
                canvas.getRaster().setSample(where.x1() + x, where.y1() + y, 0, Math.max(level, behind));
            }
        }
    }
}
