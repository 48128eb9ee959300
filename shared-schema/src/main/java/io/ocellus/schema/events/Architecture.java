package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The CNN architectures the trainer can build. */
public enum Architecture {
    SHALLOWNET("shallownet"),
    LENET("lenet"),
    MINIVGGNET("minivggnet"),
    ALEXNET("alexnet"),
    MINIGOOGLENET("minigooglenet"),
    RESNET("resnet"),
    SQUEEZENET("squeezenet");

    private final String value;

    Architecture(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
