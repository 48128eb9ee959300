package io.ocellus.commons.messaging.stream;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stream's transactional producer: a batch's results and the consumed offsets they answer are committed in one
 * Kafka transaction, so they become visible together or not at all. Any failure drops the producer; the next one
 * registers under the same transactional id, which fences the old one and ends its open transaction, so nothing
 * it sent can surface after a restart or a retry.
 */
final class TransactionalProducer implements AutoCloseable {

    private final Map<String, Object> config;
    private KafkaProducer<String, byte[]> producer;

    TransactionalProducer(Map<String, Object> config) {
        this.config = config;
    }

    /**
     * Registers the transactional id with the broker now, which ends whatever transaction a previous holder of the
     * id left open: only then are the group's committed offsets stable. Throws while the broker cannot be reached.
     */
    void open() {
        if (producer == null) {
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(config, new StringSerializer(),
                    new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
    }

    /** Sends the records and commits them with the offsets, in one transaction; throws when it is not committed. */
    void commit(List<ProducerRecord<String, byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                ConsumerGroupMetadata group) {
        open();
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record);
        }
        producer.sendOffsetsToTransaction(offsets, group);
        producer.commitTransaction();
    }

    /** Drops the producer after a failure; its open transaction ends when the next one registers. */
    void discard() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // it is being thrown away because it failed
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
