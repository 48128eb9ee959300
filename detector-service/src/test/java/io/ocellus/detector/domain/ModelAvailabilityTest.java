package io.ocellus.detector.domain;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModelAvailabilityTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ModelAvailability availability = new ModelAvailability(registry);

    @Test
    void onlyImagesAskingForDetectAreCountedAsSkipped() {
        availability.onImage(image(Set.of()));
        availability.onImage(image(Set.of(Task.CLASSIFY)));
        assertThat(registry.find("ocellus.detector.images.skipped").counter()).isNull();

        availability.onImage(image(Set.of(Task.DETECT)));
        availability.onImage(image(Set.of(Task.CLASSIFY, Task.DETECT)));
        assertThat(registry.get("ocellus.detector.images.skipped").tag("reason", "no_model").counter().count())
                .isEqualTo(2.0);
    }

    private static ImageIngested image(Set<Task> tasks) {
        String id = "ab".repeat(32);
        return ImageIngested.of(id, "ocellus-images", "sha256/ab/" + id, "image/png", 10, 4, 4, 3, null, null, null,
                tasks, Instant.now());
    }
}
