package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Dataset split an image belongs to; also the {@code <split>} segment of dataset keys in the object store. */
public enum Split {
    TRAIN("train"),
    VAL("val"),
    TEST("test");

    private final String value;

    Split(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
