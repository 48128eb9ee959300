package io.ocellus.schema.store;

import io.ocellus.schema.events.DeadLetter;

/** Bucket names of the object-store layout (see ARCHITECTURE.md, "Object store"). */
public final class Buckets {

    /** Content-addressed images and data-set membership keys. */
    public static final String IMAGES = "ocellus-images";
    /** Published models, their metrics and curves, checkpoints and data-set packs. */
    public static final String MODELS = "ocellus-models";
    /** Annotated detection images. */
    public static final String DETECTIONS = "ocellus-detections";
    /** Values of dead letters too large to travel on the dead-letter topic. */
    public static final String DEAD_LETTERS = DeadLetter.PAYLOAD_BUCKET;

    private Buckets() {
    }
}
