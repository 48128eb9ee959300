package io.ocellus.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.messaging.KafkaSecurity;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.ingest.domain.AnnouncementOutbox;
import io.ocellus.ingest.domain.IngestMetrics;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * With the store up and the broker away, an upload is stored and answered 202 "not yet announced"; its event waits
 * in the outbox, and once a broker answers the relay announces it and empties the outbox: stored ⇒ announced.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.BrokerAway.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class BrokerOutageTest {

    /** The broker's address points at a port nobody listens on; the store is the real one. */
    public static class BrokerAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "ocellus.kafka.ack-timeout", "2s",
                    "ocellus.ingest.outbox-interval", "1h");
        }
    }

    @Inject
    ObjectStore store;

    @Test
    void anImageStoredWhileTheBrokerIsAwayIsAnnouncedWhenItAnswers() {
        byte[] png = TestImages.png(19, 11);
        String imageId = TestImages.sha256(png);

        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(png)
                .queryParam("tasks", "classify").post("/v1/images")
                .then().statusCode(202).body("imageId", equalTo(imageId)).body("announced", equalTo(false));

        assertThat(store.exists(Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/" + imageId)).isTrue();
        assertThat(store.listKeys(Buckets.IMAGES, "outbox/" + imageId)).hasSize(1);

        // the broker is back: a relay with a working publisher, as the service's own relay runs every few seconds
        EventPublisher brokerBack = new EventPublisher(LocalStackResource.bootstrapServers(), Duration.ofSeconds(15),
                "outbox-test", new KafkaSecurity(Optional.empty(), Optional.empty(), Optional.empty()));
        AnnouncementOutbox relay = new AnnouncementOutbox(store, brokerBack, new IngestMetrics(
                new SimpleMeterRegistry()), Duration.ofHours(1));
        assertThat(relay.relay()).isGreaterThanOrEqualTo(1);

        ImageIngested announced = KafkaProbe.await(Topics.IMAGES_INGESTED, r -> imageId.equals(r.key()),
                        Duration.ofSeconds(30)).map(r -> EventSerde.instance().deserialize(r.value(),
                        ImageIngested.class))
                .orElseThrow(() -> new AssertionError("the kept event was not announced"));
        assertThat(announced.tasks()).containsExactly(Task.CLASSIFY);
        assertThat(store.listKeys(Buckets.IMAGES, "outbox/" + imageId)).isEmpty();
    }
}
