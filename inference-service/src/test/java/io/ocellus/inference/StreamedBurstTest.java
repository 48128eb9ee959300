package io.ocellus.inference;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.ocellus.teststack.TestTokens;
import io.ocellus.teststack.TinyClassifiers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of streamed images is classified many at a time: the model's batcher runs batches of more than one image
 * from the Kafka path, several records share one transaction, and every image is announced exactly once.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class StreamedBurstTest {

    private static final int IMAGES = 300;
    private static final List<String> LABELS = List.of("cat", "dog", "owl", "eel");

    @Inject
    ObjectStore store;

    @Test
    void aBurstOfStreamedImagesFillsTheBatcherAndEachImageIsClassifiedOnce() {
        String model = "burst-" + System.nanoTime();
        TinyClassifiers.Linear linear = TinyClassifiers.Linear.random(1, 8, 8, 4, 61);
        ModelPublished published = TinyClassifiers.register(store, model, 1, linear, linear.onnx(), linear.onnx(),
                LABELS, 0.9, true);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, model, EventSerde.instance().serialize(published));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().urlEncodingEnabled(false).auth().oauth2(TestTokens.token("vera", "viewer"))
                        .get("/v1/models/" + model).statusCode() == 200);

        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            byte[] png = TestImages.grayPng(8, 8, 1_000 + i);
            String imageId = TinyClassifiers.sha256(png);
            store.put(Buckets.IMAGES, ContentKeys.forImage(imageId), png, "image/png");
            burst.add(new ProducerRecord<>(Topics.IMAGES_INGESTED, imageId, EventSerde.instance().serialize(
                    ImageIngested.of(imageId, Buckets.IMAGES, ContentKeys.forImage(imageId), "image/png", png.length,
                            8, 8, 1, null, null, null, Set.of(Task.CLASSIFY), Instant.now()))));
        }
        double batchesBefore = metric("ocellus_stream_batch_records_count");
        KafkaProbe.sendAll(burst);

        Set<String> sent = burst.stream().map(ProducerRecord::key).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> classifiedBy(model).keySet().containsAll(sent));
        Map<String, Long> perImage = classifiedBy(model);
        assertThat(perImage).as("classifications per image").hasSize(IMAGES)
                .allSatisfy((image, count) -> assertThat(count).as(image).isEqualTo(1L));

        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        double samples = PrometheusText.sum(metrics, "ocellus_serving_batch_size_sum", "model=\"" + model + "\"");
        double runs = PrometheusText.sum(metrics, "ocellus_serving_batch_size_count", "model=\"" + model + "\"");
        assertThat(samples).as("images the model ran").isEqualTo(IMAGES);
        assertThat(runs).as("model runs for %d streamed images (batches of %.1f on average)", IMAGES, samples / runs)
                .isLessThanOrEqualTo(IMAGES / 2.0);
        assertThat(PrometheusText.sum(metrics, "ocellus_serving_batch_size_max", "model=\"" + model + "\""))
                .as("the largest batch").isGreaterThanOrEqualTo(4);
        double transactions = PrometheusText.sum(metrics, "ocellus_stream_batch_records_count") - batchesBefore;
        assertThat(transactions).as("transactions for %d records", IMAGES).isLessThan(IMAGES / 4.0);
    }

    private static Map<String, Long> classifiedBy(String model) {
        return KafkaProbe.readAll(Topics.CLASSIFICATIONS).stream()
                .map(r -> EventSerde.instance().deserialize(r.value(), ImageClassified.class))
                .filter(c -> c.modelName().equals(model))
                .collect(Collectors.groupingBy(ImageClassified::imageId, Collectors.counting()));
    }

    private static double metric(String name) {
        return PrometheusText.sum(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract()
                .asString(), name);
    }
}
