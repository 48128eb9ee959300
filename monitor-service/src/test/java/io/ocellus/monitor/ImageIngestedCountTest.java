package io.ocellus.monitor;

import io.ocellus.commons.storage.Buckets;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.teststack.ConsumerContractTest;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageIngestedCountTest extends ConsumerContractTest {

    private static final String COUNTER = "ocellus_images_ingested_total";

    @Override
    protected String inputTopic() {
        return Topics.IMAGES_INGESTED;
    }

    @Test
    void countsEachImageIngestedEventFromTheBroker() {
        double before = PrometheusText.sum(metrics(), COUNTER);
        String imageId = randomImageId();
        ImageIngested event = ImageIngested.of(imageId, Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/"
                + imageId, "image/png", 1234, 28, 28, 1, null, null, null, Set.of(), Instant.now());

        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, EventSerde.instance().serialize(event));

        assertThat(awaitCounter(before + 1)).isEqualTo(before + 1);
    }

    @Test
    void eventBreakingItsSchemaIsDeadLetteredAndNotCounted() {
        String key = "bad-" + UUID.randomUUID();
        byte[] payload = "{\"schemaVersion\":1,\"imageId\":42}".getBytes(StandardCharsets.UTF_8);
        double before = PrometheusText.sum(metrics(), COUNTER);

        KafkaProbe.send(Topics.IMAGES_INGESTED, key, payload);

        DeadLetter letter = KafkaProbe.await(Topics.DEAD_LETTERS, r -> key.equals(r.key()), Duration.ofSeconds(30))
                .map(r -> EventSerde.instance().deserialize(r.value(), DeadLetter.class))
                .orElseThrow(() -> new AssertionError("no dead letter for " + key));
        assertThat(letter.originalTopic()).isEqualTo(Topics.IMAGES_INGESTED);
        assertThat(letter.payload()).isEqualTo(payload);
        assertThat(letter.reason()).contains("imageId");
        assertThat(PrometheusText.sum(metrics(), COUNTER)).isEqualTo(before);
    }

    private static double awaitCounter(double expected) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> PrometheusText.sum(metrics(), COUNTER), value -> value >= expected);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static String randomImageId() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
