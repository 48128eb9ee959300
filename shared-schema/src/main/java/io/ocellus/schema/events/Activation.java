package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The activations a network may use between layers. */
public enum Activation {
    RELU("relu"),
    LEAKY_RELU("leaky_relu"),
    ELU("elu"),
    PRELU("prelu");

    private final String value;

    Activation(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
