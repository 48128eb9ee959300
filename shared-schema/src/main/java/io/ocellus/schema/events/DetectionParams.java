package io.ocellus.schema.events;

/**
 * Sliding-window detector settings, echoed in every result so detections stay comparable. {@code scale} is
 * the pyramid's downscale factor per layer (&gt; 1); the pyramid stops below {@code minSize} pixels.
 * {@code nmsAcrossClasses} (optional, false when absent) says a box also suppressed weaker boxes of other classes.
 */
public record DetectionParams(int windowWidth, int windowHeight, int step, double scale, int minSize,
                              double minScore, double nmsIou, boolean softNms, Boolean nmsAcrossClasses) {

    public DetectionParams(int windowWidth, int windowHeight, int step, double scale, int minSize, double minScore,
                           double nmsIou, boolean softNms) {
        this(windowWidth, windowHeight, step, scale, minSize, minScore, nmsIou, softNms, null);
    }

    public boolean acrossClasses() {
        return Boolean.TRUE.equals(nmsAcrossClasses);
    }
}
