package io.ocellus.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records this service is processing right now, each with when it started and its last failure, so that
 * readiness can say which consumer is stuck on what (for example waiting for the store to come back).
 */
@ApplicationScoped
public class InFlightRecords {

    /** A record being processed, since when (nanoTime), and why it is still not done. */
    public record InFlight(String position, String consumerGroup, long sinceNanos, String lastFailure) {
        public Duration age(long nowNanos) {
            return Duration.ofNanos(nowNanos - sinceNanos);
        }
    }

    private final Map<String, InFlight> records = new ConcurrentHashMap<>();

    String start(ConsumerRecord<?, ?> record, String consumerGroup) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        records.put(consumerGroup + "/" + position, new InFlight(position, consumerGroup, System.nanoTime(), null));
        return consumerGroup + "/" + position;
    }

    void failed(String id, String failure) {
        records.computeIfPresent(id, (k, v) -> new InFlight(v.position(), v.consumerGroup(), v.sinceNanos(),
                failure));
    }

    void finish(String id) {
        records.remove(id);
    }

    /** The record that has been in processing longest, if any. */
    public Optional<InFlight> oldest() {
        return records.values().stream().min(Comparator.comparingLong(InFlight::sinceNanos));
    }
}
