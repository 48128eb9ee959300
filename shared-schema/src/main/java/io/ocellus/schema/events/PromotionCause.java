package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a model version became current. */
public enum PromotionCause {
    /** The promotion policy accepted a newly published version. */
    POLICY("policy"),
    /** An administrator promoted a chosen version. */
    MANUAL("manual"),
    /** An administrator went back to the version that was current before. */
    ROLLBACK("rollback");

    private final String value;

    PromotionCause(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs and metric labels. */
    @JsonValue
    public String value() {
        return value;
    }
}
