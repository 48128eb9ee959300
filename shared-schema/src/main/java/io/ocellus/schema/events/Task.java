package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an ingested image should be used for downstream. */
public enum Task {
    CLASSIFY("classify"),
    DETECT("detect");

    private final String value;

    Task(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
