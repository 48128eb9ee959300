package io.ocellus.schema;

/** Kafka consumer-group names, one per consuming service, so each service sees every event once. */
public final class ConsumerGroups {

    public static final String TRAINER = "ocellus-trainer";
    public static final String INFERENCE = "ocellus-inference";
    public static final String DETECTOR = "ocellus-detector";
    public static final String MONITOR = "ocellus-monitor";

    private ConsumerGroups() {
    }
}
