package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The where batch normalisation sits relative to the activation. */
public enum BatchNormPlacement {
    NONE("none"),
    BEFORE_ACTIVATION("before_activation"),
    AFTER_ACTIVATION("after_activation");

    private final String value;

    BatchNormPlacement(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
