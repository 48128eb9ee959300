package io.ocellus.stack.dlq;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.stack.StackException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every record on the dead-letter topic right now, read directly (no consumer group, nothing committed). */
final class DeadLetters {

    /** A dead letter and where it sits on the dead-letter topic ({@code dlq@partition:offset}). */
    record Stored(int partition, long offset, DeadLetter letter) {
        String position() {
            return partition + ":" + offset;
        }
    }

    /** What the topic held: the letters, and how many records on it were not dead letters at all. */
    record Read(List<Stored> letters, int unreadable) {
    }

    private DeadLetters() {
    }

    static Read read(String bootstrap, Map<String, Object> security, Duration timeout) {
        List<Stored> letters = new ArrayList<>();
        int unreadable = 0;
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "ocellus-dlq",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(Topics.DEAD_LETTERS, timeout);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new StackException("dlq", "Kafka at " + bootstrap + " did not answer within "
                        + timeout.toSeconds() + " s");
            }
            if (infos == null || infos.isEmpty()) {
                return new Read(letters, 0);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new StackException("dlq", "reading " + Topics.DEAD_LETTERS + " took longer than "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        DeadLetter letter = EventSerde.instance().deserialize(record.value(), DeadLetter.class);
                        letters.add(new Stored(record.partition(), record.offset(), letter));
                    } catch (InvalidEventException e) {
                        unreadable++;
                    }
                }
            }
        }
        return new Read(letters, unreadable);
    }
}
