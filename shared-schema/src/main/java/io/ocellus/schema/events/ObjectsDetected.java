package io.ocellus.schema.events;

import java.time.Instant;
import java.util.List;

/**
 * Detector output for one image and model version, after non-maximum suppression. Keyed by {@code imageId}.
 * {@code boxes} may be empty: "nothing found" is a result too.
 */
public record ObjectsDetected(int schemaVersion, String imageId, String modelName, int modelVersion,
                              DetectionParams params, List<DetectedBox> boxes, String annotatedImageKey,
                              long windowsEvaluated, double latencyMillis, Instant detectedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ObjectsDetected {
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
    }

    public static ObjectsDetected of(String imageId, String modelName, int modelVersion, DetectionParams params,
                                     List<DetectedBox> boxes, String annotatedImageKey, long windowsEvaluated,
                                     double latencyMillis, Instant detectedAt) {
        return new ObjectsDetected(SCHEMA_VERSION, imageId, modelName, modelVersion, params, boxes,
                annotatedImageKey, windowsEvaluated, latencyMillis, detectedAt);
    }
}
