package io.ocellus.inference;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
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
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Classification of streamed images when the record or the store is at fault: a record naming a missing object is
 * dead-lettered at once with its position and reason, and the next image is classified; a store that goes down
 * and comes back delays the classification, which then happens exactly once, with nothing dead-lettered.
 */
@QuarkusTest
@Order(3)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ClassificationUnderFaultsTest {

    private static final List<String> LABELS = List.of("cat", "dog", "owl", "eel");
    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    @Test
    void anImageNamingAMissingObjectIsDeadLetteredAndTheNextIsClassified() {
        String model = serveModel("missing", 51);
        String absentId = TinyClassifiers.sha256(("absent-" + System.nanoTime()).getBytes());
        byte[] present = TestImages.grayPng(8, 8, 91);
        String presentId = storeImage(present);

        RecordMetadata absentAt = KafkaProbe.send(Topics.IMAGES_INGESTED, absentId, ingested(absentId, 120));
        KafkaProbe.send(Topics.IMAGES_INGESTED, presentId, ingested(presentId, present.length));

        DeadLetter letter = KafkaProbe.await(Topics.DEAD_LETTERS, r -> absentId.equals(r.key()), SOON)
                .map(r -> EventSerde.instance().deserialize(r.value(), DeadLetter.class))
                .orElseThrow(() -> new AssertionError("no dead letter for the missing object"));
        assertThat(letter.originalTopic()).isEqualTo(Topics.IMAGES_INGESTED);
        assertThat(letter.offset()).isEqualTo(absentAt.offset());
        assertThat(letter.consumerGroup()).isEqualTo(ConsumerGroups.INFERENCE);
        assertThat(letter.reason()).contains("NoSuchKey");
        assertThat(letter.attempts()).as("a missing object is not retried").isEqualTo(1);
        assertThat(awaitClassifications(presentId, model, 1)).hasSize(1);
    }

    @Test
    void aStoreOutageDelaysTheClassificationWhichThenHappensOnce() {
        String model = serveModel("outage", 52);
        byte[] png = TestImages.grayPng(8, 8, 92);
        String imageId = storeImage(png);
        double retriesBefore = retries();

        LocalStackResource.s3().halt();
        try {
            KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, ingested(imageId, png.length));
            await().atMost(SOON).pollInterval(Duration.ofMillis(100)).until(() -> retries() >= retriesBefore + 2);
        } finally {
            LocalStackResource.s3().resume();
        }

        assertThat(awaitClassifications(imageId, model, 1)).singleElement()
                .satisfies(c -> assertThat(c.modelVersion()).isEqualTo(1));
        assertThat(KafkaProbe.readAll(Topics.DEAD_LETTERS)).noneMatch(r -> imageId.equals(r.key()));
    }

    private String serveModel(String prefix, long seed) {
        String name = prefix + "-" + System.nanoTime();
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, seed);
        ModelPublished published = TinyClassifiers.register(store, name, 1, model, model.onnx(), model.onnx(), LABELS,
                0.9, true);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, name, EventSerde.instance().serialize(published));
        await().atMost(SOON).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = given().urlEncodingEnabled(false).auth().oauth2(TestTokens.token("vera", "viewer"))
                    .get("/v1/models/" + name);
            return r.statusCode() == 200;
        });
        return name;
    }

    private String storeImage(byte[] png) {
        String imageId = TinyClassifiers.sha256(png);
        store.put(Buckets.IMAGES, ContentKeys.forImage(imageId), png, "image/png");
        return imageId;
    }

    private static byte[] ingested(String imageId, int size) {
        return EventSerde.instance().serialize(ImageIngested.of(imageId, Buckets.IMAGES, ContentKeys.forImage(imageId),
                "image/png", size, 8, 8, 1, null, null, null, Set.of(Task.CLASSIFY), Instant.now()));
    }

    /** Waits until {@code count} classifications of the image by the model are on the topic, then returns all. */
    private static List<ImageClassified> awaitClassifications(String imageId, String model, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> classifications(imageId, model).size() >= count);
        return classifications(imageId, model);
    }

    private static List<ImageClassified> classifications(String imageId, String model) {
        return KafkaProbe.readAll(Topics.CLASSIFICATIONS).stream().filter(r -> imageId.equals(r.key()))
                .map(r -> EventSerde.instance().deserialize(r.value(), ImageClassified.class))
                .filter(c -> c.modelName().equals(model)).toList();
    }

    private static double retries() {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "ocellus_consumer_retries_total", "kind=\"unavailable\"");
    }
}
