package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How convolutions treat the border: {@code same} pads so the output keeps the input's size; {@code valid} does
 * not pad, so every output value sees only real pixels — what a detector needs to run the net densely over a
 * whole image and get exactly the scores of each sliding window.
 */
public enum Padding {
    SAME("same"),
    VALID("valid");

    private final String value;

    Padding(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
