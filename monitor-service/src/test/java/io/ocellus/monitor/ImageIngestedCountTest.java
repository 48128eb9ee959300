package io.ocellus.monitor;

import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.ConsumerContractTest;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.SecuredEndpoint;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageIngestedCountTest extends ConsumerContractTest {

    private static final String COUNTER = "ocellus_images_ingested_total";

    @Override
    protected String consumerGroup() {
        return ConsumerGroups.MONITOR;
    }

    @Override
    protected Map<String, byte[]> wellFormedRecords() {
        return Map.of(Topics.IMAGES_INGESTED, imageAskingForNothing(),
                Topics.TRAINING_CANCELS, cancelOfAnUnknownJob(),
                Topics.MODELS_PROMOTED, promotionOfAnUnknownModel());
    }

    @Test
    void countsEachImageIngestedEventFromTheBroker() {
        double before = metricSum(COUNTER);
        String imageId = randomImageId();
        ImageIngested event = ImageIngested.of(imageId, Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/"
                + imageId, "image/png", 1234, 28, 28, 1, null, null, null, Set.of(), Instant.now());

        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, EventSerde.instance().serialize(event));

        assertThat(awaitMetric(COUNTER, before + 1)).isEqualTo(before + 1);
    }

    @Test
    void eventBreakingItsSchemaIsDeadLetteredAndNotCounted() {
        String key = "bad-" + UUID.randomUUID();
        byte[] payload = "{\"schemaVersion\":1,\"imageId\":42}".getBytes(StandardCharsets.UTF_8);
        double before = metricSum(COUNTER);

        KafkaProbe.send(Topics.IMAGES_INGESTED, key, payload);

        DeadLetter letter = KafkaProbe.await(Topics.DEAD_LETTERS, r -> key.equals(r.key()), Duration.ofSeconds(30))
                .map(r -> EventSerde.instance().deserialize(r.value(), DeadLetter.class))
                .orElseThrow(() -> new AssertionError("no dead letter for " + key));
        assertThat(letter.originalTopic()).isEqualTo(Topics.IMAGES_INGESTED);
        assertThat(letter.payload()).isEqualTo(payload);
        assertThat(letter.reason()).contains("imageId");
        assertThat(metricSum(COUNTER)).isEqualTo(before);
    }

    private static String randomImageId() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    /**
     * Every read; the upload form's POST /v1/upload is not here: it hands the request on to ingest-service, which
     * checks the uploader's token itself.
     */
    @Override
    protected List<SecuredEndpoint> securedEndpoints() {
        return List.of(SecuredEndpoint.get("/v1/jobs"), SecuredEndpoint.stream("/v1/jobs/stream"),
                SecuredEndpoint.get("/v1/jobs/no-such-job"), SecuredEndpoint.get("/v1/jobs/no-such-job/curve.png"),
                SecuredEndpoint.get("/v1/models"), SecuredEndpoint.get("/v1/detections/recent"),
                SecuredEndpoint.get("/v1/classifications/recent"),
                SecuredEndpoint.get("/v1/images/" + "0123456789abcdef".repeat(4) + "/content"));
    }
}
