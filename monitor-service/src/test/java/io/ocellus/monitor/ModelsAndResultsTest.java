package io.ocellus.monitor;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.monitor.kafka.ConsumerLag;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.DetectedBox;
import io.ocellus.schema.events.DetectionParams;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.LabelScore;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.events.PromotionCause;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.events.TestMetrics;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static io.ocellus.monitor.TrainingHistoryTest.metric;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The models board, recent results, pipeline latency, dead letters and consumer lag from the real broker. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ModelsAndResultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    @Inject
    ConsumerLag lag;

    @Test
    void modelsBoardKeepsVersionsAndTheLatestPromotionWhateverTheOrder() {
        String model = MonitorEvents.id("model");
        Instant at = Instant.parse("2026-11-30T12:00:00Z");
        ModelPublished v1 = published(model, 1, 0.90, 0.99, at);
        ModelPublished v2 = published(model, 2, 0.95, null, at.plusSeconds(60));
        double publishedBefore = metric("ocellus_topic_events_total", "topic=\"" + Topics.MODELS_PUBLISHED + "\"");
        double promotedBefore = metric("ocellus_topic_events_total", "topic=\"" + Topics.MODELS_PROMOTED + "\"");
        MonitorEvents.send(Topics.MODELS_PUBLISHED, model, v2);
        MonitorEvents.send(Topics.MODELS_PUBLISHED, model, v1);
        MonitorEvents.send(Topics.MODELS_PUBLISHED, model, v1);
        // the later promotion (of version 2) arrives first; the earlier one must not take its place
        MonitorEvents.send(Topics.MODELS_PROMOTED, model,
                ModelPromoted.of(model, 2, 1, PromotionCause.POLICY, "better", at.plusSeconds(61)));
        MonitorEvents.send(Topics.MODELS_PROMOTED, model,
                ModelPromoted.of(model, 1, null, PromotionCause.POLICY, "first", at.plusSeconds(1)));

        await().atMost(WAIT).until(() -> metric("ocellus_topic_events_total",
                "topic=\"" + Topics.MODELS_PUBLISHED + "\"") >= publishedBefore + 3
                && metric("ocellus_topic_events_total", "topic=\"" + Topics.MODELS_PROMOTED + "\"")
                >= promotedBefore + 2);
        JsonPath models = MonitorEvents.asViewer().get("/v1/models").then().statusCode(200).extract().jsonPath();
        String entry = "find { it.name == '" + model + "' }";

        assertThat(models.getInt(entry + ".currentVersion")).isEqualTo(2);
        assertThat(models.getList(entry + ".versions.version", Integer.class)).containsExactly(2, 1);
        assertThat(models.getList(entry + ".labels", String.class)).containsExactly("cat", "dog");
        assertThat(models.getDouble(entry + ".versions[1].testRank5")).isCloseTo(0.99, within(1e-12));
        String name = "model=\"" + model + "\"";
        assertThat(metric("ocellus_model_test_accuracy_ratio", name, "version=\"2\"", "rank=\"1\""))
                .isCloseTo(0.95, within(1e-12));
        assertThat(metric("ocellus_model_test_accuracy_ratio", name, "version=\"1\"", "rank=\"5\""))
                .isCloseTo(0.99, within(1e-12));
        assertThat(metric("ocellus_model_current_version", name)).isEqualTo(2);
    }

    @Test
    void detectionBeforeItsImageIsShownOnceAndTimedOnce() throws Exception {
        byte[] png = png();
        String imageId = ContentKeys.sha256(png);
        store.put(Buckets.IMAGES, ContentKeys.forImage(imageId), png, "image/png");
        Instant ingestedAt = Instant.parse("2026-11-30T12:00:00Z");
        ObjectsDetected detected = ObjectsDetected.of(imageId, "digits", 3,
                new DetectionParams(28, 28, 4, 1.5, 28, 0.9, 0.3, false, true),
                List.of(new DetectedBox(4, 6, 32, 34, "7", 0.97)), "annotated/" + imageId + ".png", 1234, 42.0,
                ingestedAt.plusMillis(2500));
        double countBefore = metric("ocellus_pipeline_latency_seconds_count", "stage=\"detected\"");
        double sumBefore = metric("ocellus_pipeline_latency_seconds_sum", "stage=\"detected\"");

        MonitorEvents.send(Topics.DETECTIONS, imageId, detected);
        MonitorEvents.send(Topics.DETECTIONS, imageId, detected);
        await().atMost(WAIT).until(() -> MonitorEvents.asViewer().get("/v1/detections/recent").jsonPath()
                .getList("findAll { it.imageId == '" + imageId + "' }").size() == 1);
        assertThat(metric("ocellus_pipeline_latency_seconds_count", "stage=\"detected\"")).isEqualTo(countBefore);

        MonitorEvents.send(Topics.IMAGES_INGESTED, imageId, ImageIngested.of(imageId, Buckets.IMAGES,
                ContentKeys.forImage(imageId), "image/png", png.length, 40, 40, 3, null, null, null,
                Set.of(Task.DETECT), ingestedAt));
        await().atMost(WAIT).until(() -> metric("ocellus_pipeline_latency_seconds_count", "stage=\"detected\"")
                >= countBefore + 1);
        MonitorEvents.send(Topics.DETECTIONS, imageId, detected);
        MonitorEvents.send(Topics.IMAGES_INGESTED, imageId, ImageIngested.of(imageId, Buckets.IMAGES,
                ContentKeys.forImage(imageId), "image/png", png.length, 40, 40, 3, null, null, null,
                Set.of(Task.DETECT), ingestedAt));
        await().atMost(WAIT).until(() -> MonitorEvents.asViewer().get("/v1/detections/recent").jsonPath()
                .getList("findAll { it.imageId == '" + imageId + "' }").size() == 1
                && metric("ocellus_topic_events_total", "topic=\"" + Topics.DETECTIONS + "\"") >= 3);

        assertThat(metric("ocellus_pipeline_latency_seconds_count", "stage=\"detected\""))
                .isEqualTo(countBefore + 1);
        assertThat(metric("ocellus_pipeline_latency_seconds_sum", "stage=\"detected\"") - sumBefore)
                .isCloseTo(2.5, within(1e-6));
        JsonPath recent = MonitorEvents.asViewer().get("/v1/detections/recent").jsonPath();
        assertThat(recent.getList("findAll { it.imageId == '" + imageId + "' }.boxes[0].label", String.class))
                .containsExactly("7");

        byte[] served = MonitorEvents.asViewer().get("/v1/images/" + imageId + "/content").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(served).isEqualTo(png);
        MonitorEvents.asViewer().get("/v1/images/" + MonitorEvents.randomImageId() + "/content").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("No recent result about this image"));
    }

    @Test
    void classificationIsTimedFromItsIngestionAndByStage() {
        String imageId = MonitorEvents.randomImageId();
        Instant ingestedAt = Instant.now().minusSeconds(10);
        double countBefore = metric("ocellus_pipeline_latency_seconds_count", "stage=\"classified\"");
        double sumBefore = metric("ocellus_pipeline_latency_seconds_sum", "stage=\"classified\"");
        double computeBefore = metric("ocellus_pipeline_latency_seconds_sum", "stage=\"classification_compute\"");
        MonitorEvents.send(Topics.IMAGES_INGESTED, imageId, ImageIngested.of(imageId, Buckets.IMAGES,
                ContentKeys.forImage(imageId), "image/png", 100, 28, 28, 1, null, null, null,
                Set.of(Task.CLASSIFY), ingestedAt));
        MonitorEvents.send(Topics.CLASSIFICATIONS, imageId, ImageClassified.of(imageId, "digits", 1,
                List.of(new LabelScore("3", 0.8)), 4.0, ingestedAt.plusMillis(750)));

        await().atMost(WAIT).until(() -> metric("ocellus_pipeline_latency_seconds_count", "stage=\"classified\"")
                >= countBefore + 1);
        assertThat(metric("ocellus_pipeline_latency_seconds_sum", "stage=\"classified\"") - sumBefore)
                .isCloseTo(0.75, within(1e-6));
        assertThat(metric("ocellus_pipeline_latency_seconds_sum", "stage=\"classification_compute\"")
                - computeBefore).as("the model's own 4 ms").isCloseTo(0.004, within(1e-6));
        io.restassured.path.json.JsonPath pipeline = MonitorEvents.asViewer().get("/v1/pipeline").then()
                .statusCode(200).extract().jsonPath();
        assertThat(pipeline.getLong("latency.find { it.stage == 'classified' }.count")).isGreaterThanOrEqualTo(1);
        assertThat(pipeline.getDouble("latency.find { it.stage == 'classified' }.maxMillis"))
                .isGreaterThanOrEqualTo(750.0);
        assertThat(MonitorEvents.asViewer().get("/v1/classifications/recent").jsonPath()
                .getList("findAll { it.imageId == '" + imageId + "' }.topK[0].label", String.class))
                .containsExactly("3");
    }

    @Test
    void deadLettersAreCountedByTopicGroupAndErrorAndAnUnreadableOneIsNotDeadLetteredAgain() {
        String labels = "topic=\"" + Topics.DETECTIONS + "\"";
        double before = metric("ocellus_dlq_messages_total", labels, "group=\"ocellus-detector\"",
                "reason=\"InvalidEventException\"");
        double unreadableBefore = metric("ocellus_dlq_messages_total", "topic=\"unreadable\"");
        DeadLetter letter = DeadLetter.of(Topics.DETECTIONS, 0, 17, "k", "{}".getBytes(StandardCharsets.UTF_8),
                "io.ocellus.schema.InvalidEventException", "invalid ObjectsDetected: $.imageId: missing",
                ConsumerGroups.DETECTOR, Instant.now());
        MonitorEvents.send(Topics.DEAD_LETTERS, "k", letter);
        String garbageKey = MonitorEvents.id("not-a-letter");
        KafkaProbe.send(Topics.DEAD_LETTERS, garbageKey, "not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> metric("ocellus_dlq_messages_total", labels, "group=\"ocellus-detector\"",
                "reason=\"InvalidEventException\"") >= before + 1
                && metric("ocellus_dlq_messages_total", "topic=\"unreadable\"") >= unreadableBefore + 1);
        assertThat(KafkaProbe.readAll(Topics.DEAD_LETTERS).stream().filter(r -> garbageKey.equals(r.key())))
                .as("the unreadable record is not dead-lettered once more").hasSize(1);
    }

    @Test
    void consumerLagIsTheRecordsAGroupHasNotCommitted() throws Exception {
        String topic = Topics.TRAINING_CANCELS;
        KafkaProbe.send(topic, "lag-probe", EventSerde.instance().serialize(
                io.ocellus.schema.events.TrainingCancelRequested.of("lag-probe", "measuring lag", Instant.now())));
        long end = KafkaProbe.count(topic);
        // the trainer does not run here: its group's position is set by hand, two records before the end
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackResource.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(ConsumerGroups.TRAINER,
                    Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(Math.max(0, end - 1))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        String labels = "group=\"" + ConsumerGroups.TRAINER + "\"";
        assertThat(lag.lagPerTopic(ConsumerGroups.TRAINER)).containsEntry(topic, Math.min(1L, end));
        await().atMost(WAIT).until(() -> metric("ocellus_kafka_consumer_lag_records", labels,
                "topic=\"" + topic + "\"") == Math.min(1L, end));
        assertThat(MonitorEvents.asViewer().get("/v1/pipeline").then().statusCode(200).extract().jsonPath()
                .getLong("lag.find { it.group == '" + ConsumerGroups.TRAINER + "' && it.topic == '" + topic
                        + "' }.records")).as("the page's lag of the trainer").isEqualTo(Math.min(1L, end));
        await().atMost(WAIT).until(() -> lag.lagPerTopic(ConsumerGroups.MONITOR).getOrDefault(topic, -1L) == 0L);
    }

    @Test
    void uploadFormSaysWhenIngestIsDown() {
        given().contentType("image/png").header("Authorization", "Bearer x").body(new byte[]{1, 2, 3})
                .post("/v1/upload").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("ingest-service"));
    }

    private static ModelPublished published(String model, int version, double rank1, Double rank5, Instant at) {
        return ModelPublished.of(model, version, model + "/" + version + "/model.onnx", "0".repeat(64),
                new InputShape(1, 28, 28), List.of("cat", "dog"), new Preprocessing(28, 28, false, 1 / 255.0, null), new TestMetrics(rank1, rank5),
                "job-" + version, at);
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        image.setRGB(7, 9, (int) (Math.random() * 0xffffff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
