package io.ocellus.bench;

import io.minio.MinioClient;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Kafka path's sustained rate: a backlog of images stored and announced on the ingest topic at once, as a
 * restart after an outage or a bulk import leaves it, and the time until the last one is classified.
 */
final class Backlog {

    private final ObjectStore store;
    private final Map<String, Object> producerConfig = new HashMap<>();

    Backlog(String s3, String accessKey, String secretKey, String kafka, Map<String, Object> kafkaSecurity) {
        this.store = new ObjectStore(MinioClient.builder().endpoint(s3).credentials(accessKey, secretKey).build());
        producerConfig.putAll(kafkaSecurity);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.replaceFirst("^[a-z]+://", ""));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    record Result(int images, double seconds, int missing, int repeated) {
        double imagesPerSecond() {
            return (images - missing) / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "backlog of %d images announced at once: all but %d classified in "
                    + "%.2f s, %.0f img/s, %d classified twice", images, missing, seconds, imagesPerSecond(), repeated);
        }
    }

    Result drain(int count, int size, Classifications classified) throws Exception {
        List<byte[]> pngs = PngFiles.random(count, size);
        List<String> ids = new ArrayList<>(count);
        ExecutorService putters = Executors.newFixedThreadPool(8);
        List<Future<?>> puts = new ArrayList<>();
        for (byte[] png : pngs) {
            String id = ContentKeys.sha256(png);
            ids.add(id);
            puts.add(putters.submit(() -> store.put(Buckets.IMAGES, ContentKeys.forImage(id), png, "image/png")));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        putters.shutdown();
        int repeatedBefore = classified.repeated();
        System.out.printf("backlog: %d images stored, announcing them now%n", count);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String id = ids.get(i);
                producer.send(new ProducerRecord<>(Topics.IMAGES_INGESTED, id, EventSerde.instance().serialize(
                        ImageIngested.of(id, Buckets.IMAGES, ContentKeys.forImage(id), "image/png", pngs.get(i).length,
                                size, size, 3, null, null, null, Set.of(Task.CLASSIFY), Instant.now()))));
            }
            producer.flush();
        }
        int missing = classified.await(ids, Duration.ofMinutes(10));
        long last = ids.stream().map(classified::arrival).filter(a -> a != null).mapToLong(Long::longValue)
                .max().orElse(System.nanoTime());
        return new Result(count, (last - start) / 1e9, missing, classified.repeated() - repeatedBefore);
    }
}
