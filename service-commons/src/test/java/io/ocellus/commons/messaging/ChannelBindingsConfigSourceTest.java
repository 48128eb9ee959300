package io.ocellus.commons.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelBindingsConfigSourceTest {

    private static final class Bindings extends ChannelBindingsConfigSource {
        Bindings(List<ChannelBinding> bindings) {
            super(bindings);
        }
    }

    @Test
    void aSlowChannelPollsFewRecordsAndNoRecordCanTripTheAgeLimit() {
        Bindings bindings = new Bindings(List.of(
                new ChannelBinding("scenes", "ocellus.images.ingested.v1", "ocellus-detector", Duration.ofSeconds(8)),
                new ChannelBinding("events", "ocellus.dlq.v1", "ocellus-monitor")));

        // a poll brings about 30 s of work: 3 scenes of up to 8 s, or the client's maximum of light records
        assertThat(bindings.getValue("mp.messaging.incoming.scenes.max.poll.records")).isEqualTo("3");
        assertThat(bindings.getValue("mp.messaging.incoming.events.max.poll.records")).isEqualTo("500");
        assertThat(bindings.getValue("mp.messaging.incoming.scenes.throttled.unprocessed-record-max-age.ms"))
                .as("a record waiting out an outage must not stop the channel").isEqualTo("0");
        assertThat(bindings.getValue("mp.messaging.incoming.scenes.group.id")).isEqualTo("ocellus-detector");
        assertThat(bindings.getValue("mp.messaging.incoming.scenes.topic")).isEqualTo("ocellus.images.ingested.v1");
    }

    @Test
    void evenARecordSlowerThanAPollIsTakenOneAtATime() {
        assertThat(ChannelBindingsConfigSource.maxPollRecords(Duration.ofMinutes(5))).isEqualTo(1);
        assertThat(ChannelBindingsConfigSource.maxPollRecords(Duration.ofMillis(200))).isEqualTo(150);
    }
}
