package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Gradient-descent variants the trainer supports; MOMENTUM and NESTEROV are SGD with a momentum term. */
public enum Optimizer {
    SGD("sgd"),
    MOMENTUM("momentum"),
    NESTEROV("nesterov"),
    ADAGRAD("adagrad"),
    RMSPROP("rmsprop"),
    ADAM("adam");

    private final String value;

    Optimizer(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
