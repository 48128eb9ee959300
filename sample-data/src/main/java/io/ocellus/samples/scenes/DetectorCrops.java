package io.ocellus.samples.scenes;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Training crops for a sliding-window detector, cut from generated scenes and scaled to 28x28: positives are the
 * placed items' boxes, jittered a little in place and size as a window on a pyramid level would frame them; the
 * background class gets crops that overlap no item by more than {@link #MAX_BACKGROUND_IOU}: a third anywhere, a
 * third around an item's edge, a third framing an item badly (shifted, too large, too small), so the classifier
 * learns that part of a digit, or a digit off-centre, is not a digit.
 */
public final class DetectorCrops {

    public static final String BACKGROUND = "background";
    // below what a jittered positive reaches (about 0.7), above the half-digit windows a search sees at a
    // neighbouring scale or offset, so those are learnt as background
    public static final double MAX_BACKGROUND_IOU = 0.45;
    private static final int SIDE = 28;

    /** One crop: its label (the item class as a string, or {@link #BACKGROUND}) and its 784 gray levels. */
    public record Crop(String label, byte[] pixels) {
    }

    private final SceneGenerator generator;
    private final Random random;
    private final SceneGenerator.Background background;

    public DetectorCrops(SceneGenerator generator, SceneGenerator.Background background, long seed) {
        this.generator = generator;
        this.background = background;
        this.random = new Random(seed);
    }

    /** Emits {@code positives} item crops and {@code negatives} background crops, interleaved. */
    public void emit(int positives, int negatives, Consumer<Crop> sink) {
        int madePositive = 0;
        int madeNegative = 0;
        while (madePositive < positives || madeNegative < negatives) {
            SceneGenerator.Scene scene = generator.scene(160, 160, 4, 1.0, 2.0, background);
            for (SceneGenerator.Placed item : scene.objects()) {
                if (madePositive < positives) {
                    sink.accept(new Crop(String.valueOf(item.label()), jittered(scene.image(), item)));
                    madePositive++;
                }
            }
            for (int tries = 0; tries < 60 && madeNegative < negatives; tries++) {
                byte[] crop = tries % 3 == 2 ? misframed(scene) : background(scene, tries % 3 == 0);
                if (crop != null) {
                    sink.accept(new Crop(BACKGROUND, crop));
                    madeNegative++;
                }
            }
        }
    }

    private byte[] jittered(BufferedImage scene, SceneGenerator.Placed item) {
        int side = item.x2() - item.x1();
        int jitteredSide = Math.max(SIDE / 2, (int) Math.round(side * (0.9 + 0.2 * random.nextDouble())));
        int shift = Math.max(1, side / 14);
        int x = item.x1() + (side - jitteredSide) / 2 + random.nextInt(2 * shift + 1) - shift;
        int y = item.y1() + (side - jitteredSide) / 2 + random.nextInt(2 * shift + 1) - shift;
        return crop(scene, x, y, jitteredSide);
    }

    /** A crop overlapping no item much; {@code nearItem} places it around an item's edge. */
    private byte[] background(SceneGenerator.Scene scene, boolean nearItem) {
        int w = scene.image().getWidth();
        int h = scene.image().getHeight();
        int side = SIDE + random.nextInt(SIDE * 3 / 2);
        int x;
        int y;
        if (nearItem && !scene.objects().isEmpty()) {
            SceneGenerator.Placed item = scene.objects().get(random.nextInt(scene.objects().size()));
            x = item.x1() + (int) ((random.nextDouble() - 0.5) * 2 * side);
            y = item.y1() + (int) ((random.nextDouble() - 0.5) * 2 * side);
        } else {
            x = random.nextInt(Math.max(1, w - side));
            y = random.nextInt(Math.max(1, h - side));
        }
        for (SceneGenerator.Placed item : scene.objects()) {
            if (iou(x, y, side, item) > MAX_BACKGROUND_IOU) {
                return null;
            }
        }
        return crop(scene.image(), x, y, side);
    }

    /**
     * A window that frames an item badly — shifted by up to 60% of its side, or at up to twice or half its size —
     * and so overlaps it by no more than {@link #MAX_BACKGROUND_IOU}: what a search sees next to a digit and must
     * not report. Null when the draw overlaps too much.
     */
    private byte[] misframed(SceneGenerator.Scene scene) {
        if (scene.objects().isEmpty()) {
            return null;
        }
        SceneGenerator.Placed item = scene.objects().get(random.nextInt(scene.objects().size()));
        int itemSide = item.x2() - item.x1();
        int side = Math.max(SIDE / 2, (int) Math.round(itemSide * (0.55 + 1.65 * random.nextDouble())));
        int x = item.x1() + (itemSide - side) / 2 + (int) Math.round((random.nextDouble() - 0.5) * 1.2 * itemSide);
        int y = item.y1() + (itemSide - side) / 2 + (int) Math.round((random.nextDouble() - 0.5) * 1.2 * itemSide);
        for (SceneGenerator.Placed other : scene.objects()) {
            if (iou(x, y, side, other) > MAX_BACKGROUND_IOU) {
                return null;
            }
        }
        return crop(scene.image(), x, y, side);
    }

    static double iou(int x, int y, int side, SceneGenerator.Placed item) {
        double iw = Math.min(x + side, item.x2()) - Math.max(x, item.x1());
        double ih = Math.min(y + side, item.y2()) - Math.max(y, item.y1());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double other = (double) (item.x2() - item.x1()) * (item.y2() - item.y1());
        return inter / ((double) side * side + other - inter);
    }

    /** The square at (x, y) of the scene, scaled to 28x28; parts outside the scene are black. */
    private static byte[] crop(BufferedImage scene, int x, int y, int side) {
        BufferedImage out = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(scene, 0, 0, SIDE, SIDE, x, y, x + side, y + side, null);
        } finally {
            g.dispose();
        }
        byte[] pixels = new byte[SIDE * SIDE];
        out.getRaster().getDataElements(0, 0, SIDE, SIDE, pixels);
        return pixels;
    }

    /** Every crop of {@link #emit} in a list, for tests and small sets. */
    public List<Crop> all(int positives, int negatives) {
        List<Crop> crops = new ArrayList<>();
        emit(positives, negatives, crops::add);
        return crops;
    }
}
