package io.ocellus.schema.events;

import java.time.Instant;
import java.util.List;

/**
 * A trained model was exported to ONNX and stored at {@code onnxKey}. Keyed by model {@code name}, so the
 * versions of one model arrive in order. {@code labels} are in output-index order.
 */
public record ModelPublished(int schemaVersion, String name, int version, String onnxKey, String sha256,
                             InputShape inputShape, List<String> labels, Preprocessing preprocessing,
                             TestMetrics testMetrics, String jobId, Instant publishedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ModelPublished {
        labels = labels == null ? null : List.copyOf(labels);
    }

    public static ModelPublished of(String name, int version, String onnxKey, String sha256, InputShape inputShape,
                                    List<String> labels, Preprocessing preprocessing, TestMetrics testMetrics,
                                    String jobId, Instant publishedAt) {
        return new ModelPublished(SCHEMA_VERSION, name, version, onnxKey, sha256, inputShape, labels,
                preprocessing, testMetrics, jobId, publishedAt);
    }
}
