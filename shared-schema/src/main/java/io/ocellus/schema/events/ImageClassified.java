package io.ocellus.schema.events;

import java.time.Instant;
import java.util.List;

/** An image was classified by one model version. Keyed by {@code imageId}; {@code topK} is best first. */
public record ImageClassified(int schemaVersion, String imageId, String modelName, int modelVersion,
                              List<LabelScore> topK, double latencyMillis, Instant classifiedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ImageClassified {
        topK = topK == null ? null : List.copyOf(topK);
    }

    public static ImageClassified of(String imageId, String modelName, int modelVersion, List<LabelScore> topK,
                                     double latencyMillis, Instant classifiedAt) {
        return new ImageClassified(SCHEMA_VERSION, imageId, modelName, modelVersion, topK, latencyMillis,
                classifiedAt);
    }
}
