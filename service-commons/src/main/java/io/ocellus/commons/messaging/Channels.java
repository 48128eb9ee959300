package io.ocellus.commons.messaging;

/** Names of the services' incoming channels; each is bound to a topic and a consumer group by its service. */
public final class Channels {

    public static final String MONITOR_IMAGES_INGESTED = "monitor-images-ingested";
    public static final String MONITOR_TRAINING_REQUESTED = "monitor-training-requested";
    public static final String MONITOR_TRAINING_CANCELS = "monitor-training-cancels";
    public static final String MONITOR_TRAINING_PROGRESS = "monitor-training-progress";
    public static final String MONITOR_MODELS_PUBLISHED = "monitor-models-published";
    public static final String MONITOR_MODELS_PROMOTED = "monitor-models-promoted";
    public static final String MONITOR_CLASSIFICATIONS = "monitor-classifications";
    public static final String MONITOR_DETECTIONS = "monitor-detections";
    public static final String MONITOR_DEAD_LETTERS = "monitor-dead-letters";
    /** The registry events every model server (inference, detector) follows, each in its own consumer group. */
    public static final String SERVED_MODELS_PUBLISHED = "served-models-published";
    public static final String SERVED_MODELS_PROMOTED = "served-models-promoted";
    public static final String TRAINER_TRAINING_REQUESTED = "trainer-training-requested";
    public static final String TRAINER_TRAINING_CANCELS = "trainer-training-cancels";

    private Channels() {
    }
}
