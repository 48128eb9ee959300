package io.ocellus.commons.messaging.stream;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.EventType;
import io.ocellus.schema.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads back, when a stream starts, the results published within the recent window (at most the log's capacity
 * per partition), committed ones only, into its {@link RecentResults}.
 */
final class ResultsReader {

    private static final Logger LOG = Logger.getLogger(ResultsReader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final EventSerde serde = EventSerde.instance();

    ResultsReader(Supplier<KafkaConsumer<String, byte[]>> consumers) {
        this.consumers = consumers;
    }

    /** Fills {@code recent}; throws while the broker cannot be read, so the stream starts only with it filled. */
    <R> void readBack(RecentResults<R> recent) {
        String topic = EventType.of(recent.type()).topic();
        long started = System.nanoTime();
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> since = new HashMap<>();
            long from = Instant.now().minus(recent.window()).toEpochMilli();
            partitions.forEach(p -> since.put(p, from));
            Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(since, TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp first = byTime.get(partition);
                long start = Math.max(first == null ? end.get(partition) : first.offset(),
                        end.get(partition) - recent.capacity());
                consumer.seek(partition, Math.max(0, start));
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        String identity = recent.identityOf(serde.deserialize(record.value(), recent.type()));
                        if (identity != null) {
                            recent.add(identity);
                            read++;
                        }
                    } catch (InvalidEventException e) {
                        LOG.debugf("skipping an unreadable record on %s: %s", topic, e.getMessage());
                    }
                }
            }
        }
        LOG.infof("read back %d result(s) published on %s within the last %s, in %d ms", read, topic,
                recent.window(), (System.nanoTime() - started) / 1_000_000);
    }
}
