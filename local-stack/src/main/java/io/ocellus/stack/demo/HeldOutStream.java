package io.ocellus.stack.demo;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.stack.StackException;
import io.ocellus.stack.imports.ImportProgress;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Held-out images streamed through the pipeline as a user's uploads are: each is uploaded to ingest-service with
 * tasks {@code classify,detect} at a fixed rate (open loop: a slow pipeline does not slow the uploads), and the
 * {@code ImageClassified} and {@code ObjectsDetected} events of one model are read back from Kafka. Gives rank-1 of
 * the streamed classifications and the upload-to-classification latency of each image, measured on this
 * machine's clock from the moment its upload was sent to the moment its event arrived.
 */
final class HeldOutStream {

    private static final Duration POLL = Duration.ofMillis(100);

    /** One image to stream and the label it should get. */
    record Image(String label, byte[] png) {
    }

    /** What came back: how many were accepted, classified (correctly) and searched, and each latency in ms. */
    record Outcome(int sent, int accepted, int classified, int correct, int detected, double[] latenciesMillis) {

        double rank1() {
            return classified == 0 ? Double.NaN : (double) correct / classified;
        }

        /** The {@code q} quantile (0..1) of the latencies, nearest rank. */
        double latency(double q) {
            if (latenciesMillis.length == 0) {
                return Double.NaN;
            }
            double[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
        }
    }

    private final URI ingest;
    private final String token;
    private final Map<String, Object> consumerConfig;
    private final String model;

    HeldOutStream(URI ingest, String uploaderToken, Map<String, Object> consumerConfig, String model) {
        this.ingest = ingest;
        this.token = uploaderToken;
        this.consumerConfig = consumerConfig;
        this.model = model;
    }

    /**
     * Streams {@code images} at {@code perSecond} into data set {@code dataset} (split test) and waits, at most
     * {@code patience} after the last upload, for their events.
     */
    Outcome run(List<Image> images, String dataset, double perSecond, Duration patience, ImportProgress progress)
            throws InterruptedException {
        Map<String, Image> byId = new ConcurrentHashMap<>();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, ImageClassified> classified = new ConcurrentHashMap<>();
        Map<String, Long> classifiedAt = new ConcurrentHashMap<>();
        Map<String, Boolean> detected = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CLASSIFICATIONS, Topics.DETECTIONS)) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new StackException("demo", "topic " + topic + " does not exist on the stack's Kafka");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // only what the uploads below cause
            List<CompletableFuture<?>> uploads = new ArrayList<>();
            long start = System.nanoTime();
            long interval = (long) (1e9 / perSecond);
            int next = 0;
            long deadline = Long.MAX_VALUE;
            while (classifiedAt.size() < images.size() || detected.size() < images.size()) {
                while (next < images.size() && System.nanoTime() >= start + next * interval) {
                    uploads.add(upload(http, images.get(next), dataset, byId, sentAt, accepted));
                    next++;
                }
                if (next == images.size() && deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + patience.toNanos();
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                Duration wait = next < images.size()
                        ? Duration.ofNanos(Math.max(0, Math.min(POLL.toNanos(), start + next * interval
                        - System.nanoTime()))) : POLL;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
                    long now = System.nanoTime();
                    if (record.topic().equals(Topics.CLASSIFICATIONS)) {
                        ImageClassified event = EventSerde.instance().deserialize(record.value(),
                                ImageClassified.class);
                        if (model.equals(event.modelName()) && byId.containsKey(event.imageId())
                                && classified.putIfAbsent(event.imageId(), event) == null) {
                            classifiedAt.put(event.imageId(), now);
                            progress.advance(1);
                        }
                    } else {
                        ObjectsDetected event = EventSerde.instance().deserialize(record.value(),
                                ObjectsDetected.class);
                        if (model.equals(event.modelName()) && byId.containsKey(event.imageId())) {
                            detected.put(event.imageId(), true);
                        }
                    }
                }
            }
            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        int correct = 0;
        List<Double> latencies = new ArrayList<>();
        for (Map.Entry<String, ImageClassified> entry : classified.entrySet()) {
            ImageClassified event = entry.getValue();
            if (!event.topK().isEmpty() && event.topK().get(0).label().equals(byId.get(entry.getKey()).label())) {
                correct++;
            }
            latencies.add((classifiedAt.get(entry.getKey()) - sentAt.get(entry.getKey())) / 1e6);
        }
        return new Outcome(images.size(), accepted.get(), classified.size(), correct, detected.size(),
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private CompletableFuture<?> upload(HttpClient http, Image image, String dataset, Map<String, Image> byId,
                                       Map<String, Long> sentAt, AtomicInteger accepted) {
        String imageId = ContentKeys.sha256(image.png());
        byId.put(imageId, image);
        URI uri = URI.create(ingest + "/v1/images?tasks=classify,detect&split=test&dataset=" + dataset + "&label="
                + image.label());
        sentAt.put(imageId, System.nanoTime());
        return http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "image/png").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(image.png())).build(),
                HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                    if (response.statusCode() / 100 == 2) {
                        accepted.incrementAndGet();
                    }
                }).exceptionally(e -> null); // not accepted: the outcome counts it
    }
}
