package io.ocellus.trainer.training;

import io.ocellus.schema.events.Augmentation;

import java.util.Random;

/**
 * Random affine augmentation of training images, Keras-style: rotation, width and height shift, zoom, shear and
 * horizontal flip, each drawn per image within its configured range. Output pixels are sampled bilinearly from the
 * source through the inverse transform about the image centre; pixels from outside take the nearest edge value.
 * Applied to training batches only; labels are untouched.
 */
public final class Augmenter {

    private final double rotation;
    private final double widthShift;
    private final double heightShift;
    private final double zoom;
    private final double shear;
    private final boolean flip;

    public Augmenter(Augmentation spec) {
        this.rotation = valueOf(spec.rotationDegrees());
        this.widthShift = valueOf(spec.widthShift());
        this.heightShift = valueOf(spec.heightShift());
        this.zoom = valueOf(spec.zoom());
        this.shear = valueOf(spec.shear());
        this.flip = Boolean.TRUE.equals(spec.horizontalFlip());
    }

    /** Whether the spec asks for any augmentation at all. */
    public static boolean isActive(Augmentation spec) {
        return spec != null && (valueOf(spec.rotationDegrees()) > 0 || valueOf(spec.widthShift()) > 0
                || valueOf(spec.heightShift()) > 0 || valueOf(spec.zoom()) > 0 || valueOf(spec.shear()) > 0
                || Boolean.TRUE.equals(spec.horizontalFlip()));
    }

    /**
     * Writes an augmented copy of the CHW image at {@code source[from..]} into {@code target[to..]}.
     */
    public void apply(float[] source, int from, float[] target, int to, int channels, int height, int width,
                      Random random) {
        Warp warp = new Warp(uniform(random, rotation), uniform(random, widthShift) * width,
                uniform(random, heightShift) * height, 1 + uniform(random, zoom), 1 + uniform(random, zoom),
                uniform(random, shear), flip && random.nextBoolean());
        warp(warp, source, from, target, to, channels, height, width);
    }

    /** One drawn transform: degrees, pixels, zoom factors, shear degrees, mirror. */
    record Warp(double degrees, double tx, double ty, double zx, double zy, double shearDegrees, boolean mirror) {
    }

    static void warp(Warp warp, float[] source, int from, float[] target, int to, int channels, int height,
                     int width) {
        double angle = Math.toRadians(warp.degrees());
        double tx = warp.tx();
        double ty = warp.ty();
        double zx = warp.zx();
        double zy = warp.zy();
        double sh = Math.toRadians(warp.shearDegrees());
        boolean mirror = warp.mirror();
        // forward map: p' = R * Sh * Z * (p - c) + c + t; invert it once as a 2x2 matrix plus offset
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = cos * zx;
        double b = (-sin + cos * Math.tan(sh)) * zy;
        double c = sin * zx;
        double d = (cos + sin * Math.tan(sh)) * zy;
        double det = a * d - b * c;
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double ox = (mirror ? width - 1 - x : x) - cx - tx;
                double oy = y - cy - ty;
                double sx = ia * ox + ib * oy + cx;
                double sy = ic * ox + id * oy + cy;
                for (int ch = 0; ch < channels; ch++) {
                    target[to + ch * plane + y * width + x] =
                            bilinear(source, from + ch * plane, height, width, sx, sy);
                }
            }
        }
    }

    private static float bilinear(float[] image, int offset, int height, int width, double x, double y) {
        double cx = Math.min(Math.max(x, 0), width - 1);
        double cy = Math.min(Math.max(y, 0), height - 1);
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = image[offset + y0 * width + x0] * (1 - fx) + image[offset + y0 * width + x1] * fx;
        double bottom = image[offset + y1 * width + x0] * (1 - fx) + image[offset + y1 * width + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static double uniform(Random random, double range) {
        return range == 0 ? 0 : (random.nextDouble() * 2 - 1) * range;
    }

    private static double valueOf(Double value) {
        return value == null ? 0 : value;
    }
}
