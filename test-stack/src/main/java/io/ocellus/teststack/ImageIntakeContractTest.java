package io.ocellus.teststack;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer contract of a model server on {@code ImageIngested}, plus: an image that asks for the server's task
 * while no model is served is counted as skipped, not failed. A subclass runs before any model is registered.
 */
public abstract class ImageIntakeContractTest extends ConsumerContractTest {

    /** The task this server performs on ingested images. */
    protected abstract Task task();

    /** The counter of images the server could not serve for want of a model. */
    protected abstract String skippedMetric();

    @Override
    protected Map<String, byte[]> wellFormedRecords() {
        return Map.of(Topics.IMAGES_INGESTED, imageAskingForNothing(),
                Topics.MODELS_PROMOTED, promotionOfAnUnknownModel());
    }

    @Test
    void imageAskingForTheTaskWithNoModelIsCountedAsSkipped() {
        double before = metricSum(skippedMetric());
        String imageId = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        ImageIngested event = ImageIngested.of(imageId, "ocellus-images", "sha256/" + imageId.substring(0, 2) + "/"
                + imageId, "image/png", 512, 64, 64, 3, null, null, null, Set.of(task()), Instant.now());

        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, EventSerde.instance().serialize(event));

        assertThat(awaitMetric(skippedMetric(), before + 1)).isEqualTo(before + 1);
    }
}
