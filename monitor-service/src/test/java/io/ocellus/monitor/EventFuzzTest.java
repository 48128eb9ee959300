package io.ocellus.monitor;

import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DetectedBox;
import io.ocellus.schema.events.DetectionParams;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.Mutations;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Seeded mutations of valid events on the topics monitor-service reads: whatever arrives, its consumers go on —
 * each topic's consumer commits past a good record sent after the mutants, and readiness stays UP.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class EventFuzzTest {

    private static final long FIRST_SEED = 61_206L;
    private static final int CASES_PER_TOPIC = 700;

    @Test
    void mutatedEventsNeverStopAConsumer() {
        Instant now = Instant.now();
        String jobId = MonitorEvents.id("fuzz");
        String imageId = MonitorEvents.randomImageId();
        Map<String, byte[]> valid = Map.of(
                Topics.IMAGES_INGESTED, EventSerde.instance().serialize(ImageIngested.of(imageId, "ocellus-images",
                        "sha256/" + imageId.substring(0, 2) + "/" + imageId, "image/png", 100, 8, 8, 1, "d", "cat",
                        null, Set.of(), now)),
                Topics.TRAINING_REQUESTED, EventSerde.instance().serialize(MonitorEvents.request(jobId, now)),
                Topics.TRAINING_PROGRESS, EventSerde.instance().serialize(MonitorEvents.epoch(jobId, 1, now)),
                Topics.DETECTIONS, EventSerde.instance().serialize(ObjectsDetected.of(imageId, "digits", 1,
                        new DetectionParams(28, 28, 4, 1.5, 28, 0.9, 0.3, false, true),
                        List.of(new DetectedBox(1, 2, 30, 40, "4", 0.97)), null, 90, 1.5, now)));
        List<ProducerRecord<String, byte[]>> mutants = new ArrayList<>();
        long seed = FIRST_SEED;
        for (Map.Entry<String, byte[]> topic : valid.entrySet()) {
            for (int i = 0; i < CASES_PER_TOPIC; i++, seed++) {
                mutants.add(new ProducerRecord<>(topic.getKey(), "fuzz-" + seed,
                        Mutations.of(topic.getValue(), new Random(seed))));
            }
        }
        KafkaProbe.sendAll(mutants);

        List<ProducerRecord<String, byte[]>> good = valid.entrySet().stream()
                .map(e -> new ProducerRecord<>(e.getKey(), "after-the-fuzz", e.getValue())).toList();
        List<RecordMetadata> landed = KafkaProbe.sendAll(good);

        for (RecordMetadata record : landed) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(KafkaProbe.committed(ConsumerGroups.MONITOR, record.topic(), record.partition()))
                            .as("monitor's consumer of %s went past the good record", record.topic())
                            .isGreaterThan(record.offset()));
        }
        System.out.printf("EventFuzzTest: %d mutated events on %d topics, every consumer went on%n",
                mutants.size(), valid.size());
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
