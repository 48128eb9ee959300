package io.ocellus.schema;

import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;

import java.util.function.Function;

/**
 * Every event: its record, its JSON Schema (a classpath resource) and the topic it travels on. The record
 * key is part of the contract too (it decides partitioning, hence ordering), so it lives here rather than in
 * each producer.
 */
public enum EventType {
    IMAGE_INGESTED(ImageIngested.class, "image-ingested", Topics.IMAGES_INGESTED,
            e -> ((ImageIngested) e).imageId()),
    TRAINING_REQUESTED(TrainingRequested.class, "training-requested", Topics.TRAINING_REQUESTED,
            e -> ((TrainingRequested) e).effectiveModelName()),
    TRAINING_CANCEL_REQUESTED(TrainingCancelRequested.class, "training-cancel-requested", Topics.TRAINING_CANCELS,
            e -> ((TrainingCancelRequested) e).jobId()),
    TRAINING_PROGRESS(TrainingProgress.class, "training-progress", Topics.TRAINING_PROGRESS,
            e -> ((TrainingProgress) e).jobId()),
    MODEL_PUBLISHED(ModelPublished.class, "model-published", Topics.MODELS_PUBLISHED,
            e -> ((ModelPublished) e).name()),
    MODEL_PROMOTED(ModelPromoted.class, "model-promoted", Topics.MODELS_PROMOTED,
            e -> ((ModelPromoted) e).name()),
    IMAGE_CLASSIFIED(ImageClassified.class, "image-classified", Topics.CLASSIFICATIONS,
            e -> ((ImageClassified) e).imageId()),
    OBJECTS_DETECTED(ObjectsDetected.class, "objects-detected", Topics.DETECTIONS,
            e -> ((ObjectsDetected) e).imageId()),
    DEAD_LETTER(DeadLetter.class, "dead-letter", Topics.DEAD_LETTERS,
            e -> ((DeadLetter) e).key());

    private final Class<?> recordClass;
    private final String schemaResource;
    private final String topic;
    private final Function<Object, String> key;

    EventType(Class<?> recordClass, String schemaName, String topic, Function<Object, String> key) {
        this.recordClass = recordClass;
        this.schemaResource = "schemas/" + schemaName + ".v1.schema.json";
        this.topic = topic;
        this.key = key;
    }

    public Class<?> recordClass() {
        return recordClass;
    }

    /** Classpath resource of the JSON Schema, e.g. {@code schemas/image-ingested.v1.schema.json}. */
    public String schemaResource() {
        return schemaResource;
    }

    public String topic() {
        return topic;
    }

    /** The Kafka record key for {@code event} (may be null only for a dead letter whose original had none). */
    public String keyOf(Object event) {
        return key.apply(recordClass.cast(event));
    }

    /** @throws IllegalArgumentException if {@code type} is not an event record */
    public static EventType of(Class<?> type) {
        for (EventType t : values()) {
            if (t.recordClass == type) {
                return t;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not an Ocellus event record");
    }

    /** @throws IllegalArgumentException if no event travels on {@code topic} */
    public static EventType ofTopic(String topic) {
        for (EventType t : values()) {
            if (t.topic.equals(topic)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no Ocellus event travels on topic '" + topic + "'");
    }
}
