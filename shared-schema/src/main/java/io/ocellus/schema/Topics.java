package io.ocellus.schema;

import java.util.List;

/**
 * Kafka topic names. Services refer to these constants, never to string literals.
 * A breaking change to an event gets a new {@code .v2} topic; see the evolution rule in shared-schema/README.md.
 */
public final class Topics {

    public static final String IMAGES_INGESTED = "ocellus.images.ingested.v1";
    public static final String TRAINING_REQUESTED = "ocellus.training.requested.v1";
    public static final String TRAINING_PROGRESS = "ocellus.training.progress.v1";
    public static final String TRAINING_CANCELS = "ocellus.training.cancels.v1";
    public static final String MODELS_PUBLISHED = "ocellus.models.published.v1";
    public static final String MODELS_PROMOTED = "ocellus.models.promoted.v1";
    public static final String CLASSIFICATIONS = "ocellus.classifications.v1";
    public static final String DETECTIONS = "ocellus.detections.v1";
    public static final String DEAD_LETTERS = "ocellus.dlq.v1";

    /** Every Ocellus topic, in pipeline order. */
    public static final List<String> ALL = List.of(IMAGES_INGESTED, TRAINING_REQUESTED, TRAINING_CANCELS,
            TRAINING_PROGRESS, MODELS_PUBLISHED, MODELS_PROMOTED, CLASSIFICATIONS, DETECTIONS, DEAD_LETTERS);

    private Topics() {
    }
}
