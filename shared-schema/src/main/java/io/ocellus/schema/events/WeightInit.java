package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The weight initialisation: He/MSRA (fan-in, normal) or Xavier/Glorot (average fan, uniform). */
public enum WeightInit {
    HE("he"),
    XAVIER("xavier");

    private final String value;

    WeightInit(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
