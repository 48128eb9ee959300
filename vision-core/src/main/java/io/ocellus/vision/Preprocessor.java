package io.ocellus.vision;

import io.ocellus.schema.events.Preprocessing;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;

/**
 * Turns an image into a network's input: resized to the model's size (stretched, or aspect-aware: the shorter
 * side scaled to fit and the longer one centre-cropped), converted to gray or RGB, then each value becomes
 * {@code (pixel - mean[channel]) * scale}, laid out channels first (CHW). Training, inference and detection all
 * call this one class, so a model sees the same numbers for the same image wherever it runs.
 */
public final class Preprocessor {

    private final int channels;
    private final Preprocessing spec;
    private final float[] mean;
    private final float scale;

    public Preprocessor(int channels, Preprocessing spec) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (gray) or 3 (RGB) channels, not " + channels);
        }
        if (spec.width() < 1 || spec.height() < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + spec.width() + "x" + spec.height());
        }
        if (!(spec.scale() > 0) || !Double.isFinite(spec.scale())) {
            throw new IllegalArgumentException("scale must be a positive number, got " + spec.scale());
        }
        List<Double> means = spec.mean() == null ? List.of() : spec.mean();
        if (!means.isEmpty() && means.size() != channels) {
            throw new IllegalArgumentException("mean needs one value per channel (" + channels + "), got " + means);
        }
        this.channels = channels;
        this.spec = spec;
        this.scale = (float) spec.scale();
        this.mean = new float[channels];
        for (int c = 0; c < means.size(); c++) {
            mean[c] = means.get(c).floatValue();
        }
    }

    /** Scaling to [0, 1] with no mean subtraction, at the given size: the usual start for a new data set. */
    public static Preprocessing unitScale(int width, int height) {
        return new Preprocessing(width, height, false, 1.0 / 255, null);
    }

    public int channels() {
        return channels;
    }

    public int width() {
        return spec.width();
    }

    public int height() {
        return spec.height();
    }

    public Preprocessing spec() {
        return spec;
    }

    /** Values per image: channels x height x width. */
    public int size() {
        return channels * spec.height() * spec.width();
    }

    public float[] apply(byte[] encoded) {
        return apply(ImageDecoding.decode(encoded));
    }

    /** Decodes {@code encoded} and writes its {@link #size()} values into {@code out} from {@code offset}. */
    public void apply(byte[] encoded, float[] out, int offset) {
        apply(ImageDecoding.decode(encoded), out, offset);
    }

    public float[] apply(BufferedImage image) {
        float[] out = new float[size()];
        apply(image, out, 0);
        return out;
    }

    /** Writes the image's {@link #size()} values into {@code out} from {@code offset}. */
    public void apply(BufferedImage image, float[] out, int offset) {
        write(resize(image), out, offset);
    }

    /**
     * The image at its own size, channels x height x width, with the same per-pixel arithmetic as
     * {@link #apply(BufferedImage)}: any window of the result equals the preprocessed window of the image cut at
     * the classifier's input size. What a classifier run densely over a whole image reads.
     */
    public float[] applyAtOwnSize(BufferedImage image) {
        float[] out = new float[channels * image.getWidth() * image.getHeight()];
        write(image, out, 0);
        return out;
    }

    private void write(BufferedImage sized, float[] out, int offset) {
        int w = sized.getWidth();
        int h = sized.getHeight();
        int plane = w * h;
        boolean gray = sized.getType() == BufferedImage.TYPE_BYTE_GRAY;
        Raster raster = sized.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = offset + y * w + x;
                if (gray) {
                    // raw samples: getRGB would push gray levels through a colour-space conversion
                    float level = raster.getSample(x, y, 0);
                    for (int c = 0; c < channels; c++) {
                        out[at + c * plane] = (level - mean[c]) * scale;
                    }
                    continue;
                }
                int argb = sized.getRGB(x, y);
                float alpha = ((argb >>> 24) & 0xff) / 255f;
                float r = ((argb >> 16) & 0xff) * alpha;
                float g = ((argb >> 8) & 0xff) * alpha;
                float b = (argb & 0xff) * alpha;
                if (channels == 1) {
                    out[at] = (0.299f * r + 0.587f * g + 0.114f * b - mean[0]) * scale;
                } else {
                    out[at] = (r - mean[0]) * scale;
                    out[at + plane] = (g - mean[1]) * scale;
                    out[at + 2 * plane] = (b - mean[2]) * scale;
                }
            }
        }
    }

    private BufferedImage resize(BufferedImage image) {
        int w = spec.width();
        int h = spec.height();
        if (image.getWidth() == w && image.getHeight() == h) {
            return image;
        }
        int sourceX = 0;
        int sourceY = 0;
        int sourceW = image.getWidth();
        int sourceH = image.getHeight();
        if (spec.keepAspect()) {
            // crop the source to the target's aspect ratio around its centre, then scale
            double targetRatio = (double) w / h;
            if ((double) sourceW / sourceH > targetRatio) {
                int cropW = (int) Math.round(sourceH * targetRatio);
                sourceX = (sourceW - cropW) / 2;
                sourceW = cropW;
            } else {
                int cropH = (int) Math.round(sourceW / targetRatio);
                sourceY = (sourceH - cropH) / 2;
                sourceH = cropH;
            }
        }
        int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_ARGB;
        BufferedImage out = new BufferedImage(w, h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, sourceX, sourceY, sourceX + sourceW, sourceY + sourceH, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
