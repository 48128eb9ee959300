package io.ocellus.trainer.registry;

import io.ocellus.commons.messaging.EventPublishException;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.messaging.KafkaSecurity;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.events.TestMetrics;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

/**
 * The registry and the announcements agree: a change whose event the broker does not take, after a few tries, is
 * undone in the registry, so no server can find a version (or a current version) that nobody was told of.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class RegistryAnnouncementTest {

    @Inject
    ObjectStore store;

    /** A broker that acknowledges the first {@code accepted} events and then nothing. */
    private static final class FailingBroker extends EventPublisher {
        private final AtomicInteger left;
        private final AtomicInteger tries = new AtomicInteger();

        FailingBroker(int accepted) {
            super("127.0.0.1:9", Duration.ofSeconds(1), "registry-test",
                    new KafkaSecurity(Optional.empty(), Optional.empty(), Optional.empty()));
            this.left = new AtomicInteger(accepted);
        }

        @Override
        public RecordMetadata publish(String key, Object event) {
            tries.incrementAndGet();
            if (left.getAndDecrement() > 0) {
                return null;
            }
            throw new EventPublishException("Kafka did not acknowledge the event", new TimeoutException("expired"));
        }
    }

    @Test
    void anUnreadableRegistryEntryIsAProblemResponseNotAServerError() {
        String name = "broken-entry-" + System.nanoTime();
        store.ensureBucket(Buckets.MODELS);
        store.put(Buckets.MODELS, ModelKeys.registry(name), "{\"name\": 7}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/registry/" + name)
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", endsWith("/registry-entry-unreadable"))
                .body("detail", containsString(ModelKeys.registry(name)));
    }

    @Test
    void aVersionWhoseAnnouncementFailsIsNotInTheRegistry() {
        ModelCatalog catalog = new ModelCatalog(store);
        String name = "unannounced-" + System.nanoTime();
        FailingBroker broker = new FailingBroker(0);
        ModelRegistry registry = new ModelRegistry(catalog, broker, "always");

        assertThatThrownBy(() -> registry.register(version(name, 1, 0.9)))
                .isInstanceOf(PublishingFailedException.class).hasMessageContaining("was not announced");

        assertThat(broker.tries.get()).as("tries before giving up").isEqualTo(3);
        assertThat(catalog.find(name).flatMap(e -> e.version(1))).isEmpty();
    }

    @Test
    void aPromotionWhoseAnnouncementFailsLeavesTheCurrentVersionAsItWas() {
        ModelCatalog catalog = new ModelCatalog(store);
        String name = "unpromoted-" + System.nanoTime();
        new ModelRegistry(catalog, new FailingBroker(2), "always").register(version(name, 1, 0.8));
        // the version is announced; its promotion is not
        ModelRegistry.Registered second = new ModelRegistry(catalog, new FailingBroker(1), "always")
                .register(version(name, 2, 0.9));

        assertThat(second.current()).isFalse();
        assertThat(second.reason()).contains("not announced");
        ModelEntry entry = catalog.find(name).orElseThrow();
        assertThat(entry.version(2)).isPresent();
        assertThat(entry.current()).isEqualTo(1);

        assertThatThrownBy(() -> new ModelRegistry(catalog, new FailingBroker(0), "always")
                .promote(name, 2, "by hand")).isInstanceOf(EventPublishException.class);
        assertThat(catalog.find(name).orElseThrow().current()).isEqualTo(1);
    }

    private static ModelPublished version(String name, int version, double rank1) {
        return ModelPublished.of(name, version, name + "/" + version + "/model.onnx", "0".repeat(64),
                new InputShape(1, 8, 8), List.of("a", "b"), new Preprocessing(8, 8, false, 1.0 / 255, null),
                new TestMetrics(rank1, null), "test-job", Instant.now());
    }
}
