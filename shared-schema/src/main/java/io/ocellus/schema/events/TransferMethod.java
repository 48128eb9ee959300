package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a job reuses a published model. FINE_TUNE trains the base's layers on with a new head; FEATURE_EXTRACTION runs
 * the base up to a layer once over the data set and trains a softmax (logistic-regression) classifier on what that
 * layer outputs, then publishes base and classifier as one model.
 */
public enum TransferMethod {
    FINE_TUNE("fine-tune"),
    FEATURE_EXTRACTION("feature-extraction");

    private final String value;

    TransferMethod(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs and messages. */
    @JsonValue
    public String value() {
        return value;
    }
}
