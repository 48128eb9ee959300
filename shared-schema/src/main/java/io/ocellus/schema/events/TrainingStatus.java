package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a training job. QUEUED and RUNNING are transient; the others are terminal. */
public enum TrainingStatus {
    QUEUED("QUEUED"),
    RUNNING("RUNNING"),
    COMPLETED("COMPLETED"),
    EARLY_STOPPED("EARLY_STOPPED"),
    CANCELLED("CANCELLED"),
    FAILED("FAILED"),
    DIVERGED("DIVERGED");

    private final String value;

    TrainingStatus(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Whether no further progress event will follow for the job. */
    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}
