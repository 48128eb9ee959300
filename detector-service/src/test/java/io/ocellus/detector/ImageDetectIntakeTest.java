package io.ocellus.detector;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import io.ocellus.teststack.ConsumerContractTest;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs first: no detector model is registered yet, so ingested images are counted as skipped. */
@QuarkusTest
@Order(1)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageDetectIntakeTest extends ConsumerContractTest {

    private static final String SKIPPED = "ocellus_detector_images_skipped_total";

    @Override
    protected String inputTopic() {
        return Topics.IMAGES_INGESTED;
    }

    @Test
    void imageAskingForDetectWithNoModelIsCountedAsSkipped() {
        double before = metricSum(SKIPPED);

        send(Set.of(Task.DETECT));

        assertThat(awaitMetric(SKIPPED, before + 1)).isEqualTo(before + 1);
    }

    private static void send(Set<Task> tasks) {
        String imageId = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        ImageIngested event = ImageIngested.of(imageId, "ocellus-images", "sha256/" + imageId.substring(0, 2) + "/"
                + imageId, "image/png", 512, 64, 64, 3, null, null, null, tasks, Instant.now());
        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, EventSerde.instance().serialize(event));
    }
}
