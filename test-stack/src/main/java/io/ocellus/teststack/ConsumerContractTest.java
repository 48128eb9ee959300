package io.ocellus.teststack;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.PromotionCause;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.schema.store.Buckets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service contract plus what every consumer owes each topic it reads: a payload that breaks the contract, and
 * one too large to travel inline on the dead-letter topic, go to the dead-letter topic with their position and
 * the reason (the large one with its bytes in the dead-letter bucket), and the next good record is handled.
 */
public abstract class ConsumerContractTest extends ServiceContractTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    /** Larger than the broker's 1 MiB request once base64-encoded, as a camera frame sent as JSON would be. */
    private static final int OVERSIZED = 900_000;

    /** The consumer group this service reads in. */
    protected abstract String consumerGroup();

    /** Each topic this service consumes, with a well-formed record for it that the service handles quietly. */
    protected abstract Map<String, byte[]> wellFormedRecords();

    @Test
    void poisonOnEveryConsumedTopicIsDeadLetteredAndTheNextRecordIsHandled() {
        for (Map.Entry<String, byte[]> topic : wellFormedRecords().entrySet()) {
            poisonThenGood(topic.getKey(), topic.getValue());
        }
    }

    private void poisonThenGood(String topic, byte[] good) {
        String key = "poison-" + UUID.randomUUID();
        byte[] invalid = "{\"schemaVersion\":1,\"this is\":\"not the event\"".getBytes(StandardCharsets.UTF_8);
        byte[] oversized = new byte[OVERSIZED];
        new Random(17).nextBytes(oversized);

        RecordMetadata invalidAt = KafkaProbe.send(topic, key + "-invalid", invalid);
        RecordMetadata oversizedAt = KafkaProbe.send(topic, key + "-oversized", oversized);
        RecordMetadata goodAt = KafkaProbe.send(topic, key + "-good", good);

        DeadLetter malformed = awaitLetter(topic, key + "-invalid");
        assertThat(malformed.partition()).isEqualTo(invalidAt.partition());
        assertThat(malformed.offset()).as("offset on %s", topic).isEqualTo(invalidAt.offset());
        assertThat(malformed.payload()).isEqualTo(invalid);
        assertThat(malformed.reason()).contains("malformed JSON");
        assertThat(malformed.consumerGroup()).isEqualTo(consumerGroup());
        assertThat(malformed.attempts()).isEqualTo(1);

        DeadLetter large = awaitLetter(topic, key + "-oversized");
        assertThat(large.offset()).as("offset on %s", topic).isEqualTo(oversizedAt.offset());
        assertThat(large.reason()).isNotBlank();
        assertThat(large.payloadStored()).as("value kept in the store").isTrue();
        assertThat(large.payloadSize()).isEqualTo(OVERSIZED);
        assertThat(store.get(Buckets.DEAD_LETTERS, large.payloadKey())).isEqualTo(oversized);

        await().atMost(SOON).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(KafkaProbe.committed(consumerGroup(), topic, goodAt.partition()))
                        .as("%s committed past the good record on %s", consumerGroup(), topic)
                        .isGreaterThan(goodAt.offset()));
        assertThat(KafkaProbe.readAll(Topics.DEAD_LETTERS)).map(ConsumerRecord::key)
                .as("the good record on %s was handled, not dead-lettered", topic)
                .doesNotContain(key + "-good");
    }

    private static DeadLetter awaitLetter(String topic, String key) {
        return KafkaProbe.await(Topics.DEAD_LETTERS,
                        r -> key.equals(r.key()) && topic.equals(deadLetter(r.value()).originalTopic()), SOON)
                .map(r -> deadLetter(r.value()))
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + " from " + topic));
    }

    private static DeadLetter deadLetter(byte[] value) {
        return EventSerde.instance().deserialize(value, DeadLetter.class);
    }

    /** An ingested image that asks for no task: every consumer reads it and has nothing to do. */
    protected static byte[] imageAskingForNothing() {
        String imageId = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        return EventSerde.instance().serialize(ImageIngested.of(imageId, Buckets.IMAGES, "sha256/"
                + imageId.substring(0, 2) + "/" + imageId, "image/png", 512, 8, 8, 1, null, null, null, Set.of(),
                Instant.now()));
    }

    /** A promotion of a model the registry does not hold: a model server looks it up and keeps what it serves. */
    protected static byte[] promotionOfAnUnknownModel() {
        return EventSerde.instance().serialize(ModelPromoted.of("no-such-model-" + UUID.randomUUID(), 2, 1,
                PromotionCause.MANUAL, "contract test", Instant.now()));
    }

    /** A cancel for a job nobody runs. */
    protected static byte[] cancelOfAnUnknownJob() {
        return EventSerde.instance().serialize(TrainingCancelRequested.of("no-such-job-" + UUID.randomUUID(),
                "contract test", Instant.now()));
    }
}
