package io.ocellus.commons.messaging.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamBindingTest {

    @Test
    void aPollTakesAboutThirtySecondsOfWorkSpreadOverTheWorkers() {
        // detector scenes: 8 s each, four searched at a time
        assertThat(new StreamBinding("t", "g", 4, Duration.ofSeconds(8)).maxPollRecords()).isEqualTo(15);
        // streamed images: a few milliseconds of a worker each, capped
        assertThat(new StreamBinding("t", "g", 8, Duration.ofMillis(5)).maxPollRecords()).isEqualTo(500);
        // never less than one record, however slow
        assertThat(new StreamBinding("t", "g", 1, Duration.ofMinutes(5)).maxPollRecords()).isEqualTo(1);
    }

    @Test
    void aStreamNeedsAWorker() {
        assertThatThrownBy(() -> new StreamBinding("t", "g", 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
    }
}
