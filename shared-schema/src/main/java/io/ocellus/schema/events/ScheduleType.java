package io.ocellus.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Learning-rate schedules: constant, step decay, polynomial decay, time-based (1/(1+decay*epoch)) decay. */
public enum ScheduleType {
    CONSTANT("constant"),
    STEP("step"),
    POLYNOMIAL("polynomial"),
    TIME_BASED("time_based");

    private final String value;

    ScheduleType(String value) {
        this.value = value;
    }

    /** The JSON value, also the spelling to use in logs, metric labels and object keys. */
    @JsonValue
    public String value() {
        return value;
    }
}
