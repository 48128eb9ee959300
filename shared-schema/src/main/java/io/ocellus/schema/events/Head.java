package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a net turns its last feature map into class scores: {@code dense} flattens the map into fully connected
 * layers (the classic recipe); {@code global-average} runs those layers as 1x1 convolutions at every position and
 * averages the class scores over the map. The second shares almost all of its work between overlapping windows, so
 * a detector's dense search gains much more from it.
 */
public enum Head {
    DENSE("dense"),
    GLOBAL_AVERAGE("global-average");

    private final String value;

    Head(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
