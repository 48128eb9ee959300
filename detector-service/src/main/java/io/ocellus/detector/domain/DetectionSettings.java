package io.ocellus.detector.domain;

import io.ocellus.schema.events.DetectionParams;

import java.util.Locale;
import java.util.Set;

/**
 * What a detection asks for, with the defaults filled in from the model: the window (the model's input size
 * unless set; a larger window is resized to it), its step, the pyramid's scale and minimum size, the minimum
 * score, the NMS overlap, Soft-NMS, NMS across classes, and the labels of interest (all but "background" when
 * none are named).
 */
public record DetectionSettings(String model, Integer window, Integer step, Double scale, Integer minSize,
                                Double minScore, Double nmsIou, Boolean softNms, Boolean nmsAcrossClasses,
                                Set<String> labels) {

    public static final int DEFAULT_STEP = 4;
    public static final double DEFAULT_SCALE = 1.5;
    public static final double DEFAULT_MIN_SCORE = 0.9;
    public static final double DEFAULT_NMS_IOU = 0.3;

    /**
     * Refuses (400) the values that are wrong whatever the model, before the model is looked up or the image
     * decoded: a bad request is a bad request even while no model is served.
     */
    public DetectionSettings {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
        if (window != null && window < 1) {
            throw refused("the window must be at least 1x1, got " + window + "x" + window);
        }
        if (step != null && step < 1) {
            throw refused("step must be >= 1, got " + step);
        }
        if (scale != null && !(scale > 1)) {
            throw refused("scale must be > 1, got " + scale);
        }
        if (minSize != null && minSize < 1) {
            throw refused("minSize must be >= 1, got " + minSize);
        }
        // written as "not inside" so that NaN is refused too
        if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
            throw refused("minScore must be in [0, 1], got " + minScore);
        }
        if (nmsIou != null && !(nmsIou >= 0 && nmsIou <= 1)) {
            throw refused("nmsIou must be in [0, 1], got " + nmsIou);
        }
    }

    private static InvalidDetectionException refused(String why) {
        return new InvalidDetectionException(400, "bad-detection-parameters", why);
    }

    /** The parameters as used, for the event and the answer; {@code modelInput} is the model's input side. */
    public DetectionParams resolve(int modelInput) {
        int w = window == null ? modelInput : window;
        return new DetectionParams(w, w, step == null ? DEFAULT_STEP : step, scale == null ? DEFAULT_SCALE : scale,
                minSize == null ? w : minSize, minScore == null ? DEFAULT_MIN_SCORE : minScore,
                nmsIou == null ? DEFAULT_NMS_IOU : nmsIou, Boolean.TRUE.equals(softNms),
                Boolean.TRUE.equals(nmsAcrossClasses));
    }

    /** A short stable digest of the parameters and labels, part of the annotated image's key. */
    public static String fingerprint(DetectionParams p, Set<String> labels) {
        String text = String.format(Locale.ROOT, "%d:%d:%d:%.6f:%d:%.6f:%.6f:%b:%b:%s", p.windowWidth(),
                p.windowHeight(), p.step(), p.scale(), p.minSize(), p.minScore(), p.nmsIou(), p.softNms(),
                p.acrossClasses(), new java.util.TreeSet<>(labels));
        return io.ocellus.schema.store.ContentKeys.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 16);
    }
}
