package io.ocellus.monitor.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageIngested;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Prometheus view of the pipeline as seen from its topics. Labels stay low-cardinality: never image ids. */
@Startup
@ApplicationScoped
public class PipelineMetrics {

    /** Stands for a dead letter whose own payload could not be read. */
    static final String UNREADABLE = "unreadable";

    private final MeterRegistry registry;
    private final Counter imagesIngested;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered at start so that the series exist, at 0, before the first event arrives
        this.imagesIngested = Counter.builder("ocellus.images.ingested")
                .description("ImageIngested events seen on " + Topics.IMAGES_INGESTED)
                .register(registry);
        Topics.ALL.forEach(this::events);
    }

    /** Counts one {@code ImageIngested}; exported as {@code ocellus_images_ingested_total}. */
    public void recordIngested(ImageIngested event) {
        imagesIngested.increment();
    }

    /** Counts one well-formed event on a topic; exported as {@code ocellus_topic_events_total{topic}}. */
    public void recordEvent(String topic) {
        events(topic).increment();
    }

    /**
     * Counts one dead letter by the topic it came from, the group that gave up on it and the error's class (the
     * free-text reason would make unbounded series); exported as {@code ocellus_dlq_messages_total}.
     */
    public void recordDeadLetter(DeadLetter letter) {
        String errorClass = letter.errorClass() == null ? "unknown"
                : letter.errorClass().substring(letter.errorClass().lastIndexOf('.') + 1);
        deadLetters(String.valueOf(letter.originalTopic()), String.valueOf(letter.consumerGroup()), errorClass)
                .increment();
    }

    /** Counts a record on the dead-letter topic that is not a dead letter itself. */
    public void recordUnreadableDeadLetter() {
        deadLetters(UNREADABLE, UNREADABLE, UNREADABLE).increment();
    }

    private Counter events(String topic) {
        return Counter.builder("ocellus.topic.events").description("Well-formed events seen, by topic")
                .tag("topic", topic).register(registry);
    }

    private Counter deadLetters(String topic, String group, String reason) {
        return Counter.builder("ocellus.dlq.messages")
                .description("Records dead-lettered, by original topic, consumer group and error class")
                .tag("topic", topic).tag("group", group).tag("reason", reason).register(registry);
    }
}
