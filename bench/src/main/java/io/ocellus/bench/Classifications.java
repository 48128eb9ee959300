package io.ocellus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows the classifications topic from its end, as a downstream consumer would (committed results only), and
 * notes when each image's classification by one model arrived (System.nanoTime) and how many came twice.
 */
final class Classifications implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String model;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger repeated = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private Classifications(KafkaConsumer<String, byte[]> consumer, String model) {
        this.consumer = consumer;
        this.model = model;
        this.thread = new Thread(this::follow, "classifications");
        this.thread.setDaemon(true);
    }

    static Classifications follow(String bootstrap, Map<String, Object> security, String model) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.replaceFirst("^[a-z]+://", ""));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLASSIFICATIONS, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        Classifications classifications = new Classifications(consumer, model);
        classifications.thread.start();
        return classifications;
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode event = JSON.readTree(record.value());
                    if (model.equals(event.path("modelName").asText())
                            && arrivals.putIfAbsent(event.path("imageId").asText(), now) != null) {
                        repeated.incrementAndGet();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (IOException e) {
            throw new IllegalStateException("unreadable classification: " + e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    /** When the image's classification arrived, or null. */
    Long arrival(String imageId) {
        return arrivals.get(imageId);
    }

    /** Waits until every image has its classification, or the timeout passes; returns how many are missing. */
    int await(Collection<String> imageIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int missing = (int) imageIds.stream().filter(id -> !arrivals.containsKey(id)).count();
            if (missing == 0 || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(20);
        }
    }

    /** Classifications that arrived for an image that had one already. */
    int repeated() {
        return repeated.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
