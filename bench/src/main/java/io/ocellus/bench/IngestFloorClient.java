package io.ocellus.bench;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The floor of an upload, the second peer of ingest: the work an accepted image must cause at the least, one S3
 * put of its bytes and one event acknowledged by every in-sync replica ({@code acks=all}), one after the other as
 * ingest does them, with the same clients (MinIO's, Kafka's). The events go to a topic of their own, so no service
 * consumes them.
 */
final class IngestFloorClient implements AutoCloseable {

    static final String TOPIC = "ocellus.bench.floor.v1";

    private final DirectS3Client store;
    private final KafkaProducer<String, byte[]> producer;

    IngestFloorClient(DirectS3Client store, String kafka, Map<String, Object> security) throws Exception {
        this.store = store;
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                // as the stack's own topics: three partitions, one replica
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    /** Stores the bytes, then announces them and waits for the broker's acknowledgement. */
    void upload(byte[] png) throws Exception {
        String imageId = ContentKeys.sha256(png);
        store.put(png);
        ImageIngested event = ImageIngested.of(imageId, Buckets.IMAGES, ContentKeys.forImage(imageId), "image/png",
                png.length, 64, 64, 1, null, null, Split.TRAIN, Set.of(Task.CLASSIFY), Instant.now());
        producer.send(new ProducerRecord<>(TOPIC, imageId, EventSerde.instance().serialize(event))).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
