package io.ocellus.commons.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.store.Buckets;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Puts a record this service could not use on the dead-letter topic, with the original bytes and the reason. A
 * value too large to travel inline (its base64 would break the broker's 1 MiB request limit) goes to the
 * dead-letter bucket first, and the letter carries its key instead: no record is too big to be dead-lettered.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    /** Values up to this size travel inline (about 700 KB as base64, well inside a 1 MiB request). */
    static final int INLINE_LIMIT = 512 * 1024;
    private static final int MAX_REASON = 4096;
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final EventPublisher publisher;
    private final ObjectStore store;
    private final MeterRegistry registry;
    private volatile boolean bucketReady;

    public DeadLetterPublisher(EventPublisher publisher, ObjectStore store, MeterRegistry registry) {
        this.publisher = publisher;
        this.store = store;
        this.registry = registry;
    }

    /** Publishes the letter and waits for the broker; throws when the broker or the store does not take it. */
    public void publish(ConsumerRecord<String, byte[]> record, String consumerGroup, Throwable error, String reason,
                        int attempts) {
        publisher.publish(record.key(), letter(record, consumerGroup, error, reason, attempts));
        published(record, error);
    }

    /**
     * The letter for a record, its value stored in the dead-letter bucket first when too large to travel inline,
     * for a caller that publishes it itself (in a transaction); it then reports it with {@link #published}.
     */
    public DeadLetter letter(ConsumerRecord<String, byte[]> record, String consumerGroup, Throwable error,
                             String reason, int attempts) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
        DeadLetter letter = DeadLetter.of(record.topic(), record.partition(), record.offset(), record.key(),
                value.length > INLINE_LIMIT ? new byte[0] : value, error.getClass().getName(), shortReason,
                consumerGroup, Instant.now()).withAttempts(attempts);
        if (value.length > INLINE_LIMIT) {
            letter = letter.withPayloadStoredAt(storePayload(record, consumerGroup, value), value.length);
        }
        LOG.warnf("dead-lettering %s-%d@%d (key %s, %d tries): %s", record.topic(), record.partition(),
                record.offset(), record.key(), attempts, shortReason);
        return letter;
    }

    /** Counts a letter once it is on the dead-letter topic. */
    public void published(ConsumerRecord<String, byte[]> record, Throwable error) {
        registry.counter("ocellus.dead.letters.published", "topic", record.topic(),
                "error", error.getClass().getSimpleName()).increment();
    }

    /** The object key of the stored value: one per (group, topic, partition, offset), so a retry overwrites it. */
    private String storePayload(ConsumerRecord<String, byte[]> record, String consumerGroup, byte[] value) {
        if (!bucketReady) {
            store.ensureBucket(Buckets.DEAD_LETTERS);
            bucketReady = true;
        }
        String key = (consumerGroup == null ? "no-group" : consumerGroup) + "/" + record.topic() + "/"
                + record.partition() + "/" + record.offset();
        store.put(Buckets.DEAD_LETTERS, key, value, "application/octet-stream");
        return key;
    }
}
