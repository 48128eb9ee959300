package io.ocellus.commons.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.schema.events.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Puts a record this service could not use on the dead-letter topic, with the original bytes and the reason. */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final EventPublisher publisher;
    private final MeterRegistry registry;

    public DeadLetterPublisher(EventPublisher publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
    }

    public void publish(ConsumerRecord<String, byte[]> record, String consumerGroup, Throwable error, String reason) {
        DeadLetter letter = DeadLetter.of(record.topic(), record.partition(), record.offset(), record.key(),
                record.value() == null ? new byte[0] : record.value(), error.getClass().getName(), reason,
                consumerGroup, Instant.now());
        LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        publisher.publish(record.key(), letter);
        registry.counter("ocellus.dead.letters.published", "topic", record.topic(),
                "error", error.getClass().getSimpleName()).increment();
    }
}
