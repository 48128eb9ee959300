package io.ocellus.schema.events;

/**
 * Sliding-window detector settings, echoed in every result so detections stay comparable. {@code scale} is
 * the pyramid's downscale factor per layer (&gt; 1); the pyramid stops below {@code minSize} pixels.
 */
public record DetectionParams(int windowWidth, int windowHeight, int step, double scale, int minSize,
                              double minScore, double nmsIou, boolean softNms) {
}
