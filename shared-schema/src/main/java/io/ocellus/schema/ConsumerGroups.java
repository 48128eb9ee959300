package io.ocellus.schema;

import java.util.List;

/** Kafka consumer-group names, one per consuming service, so each service sees every event once. */
public final class ConsumerGroups {

    public static final String TRAINER = "ocellus-trainer";
    public static final String INFERENCE = "ocellus-inference";
    public static final String DETECTOR = "ocellus-detector";
    public static final String MONITOR = "ocellus-monitor";

    /** Every Ocellus consumer group, in pipeline order. */
    public static final List<String> ALL = List.of(TRAINER, INFERENCE, DETECTOR, MONITOR);

    private ConsumerGroups() {
    }
}
