package io.ocellus.teststack;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service contract plus what every consumer owes its input topic: a payload that breaks the contract goes to
 * the dead-letter topic with the original bytes and the reason, and the consumer goes on.
 */
public abstract class ConsumerContractTest extends ServiceContractTest {

    /** A topic this service consumes. */
    protected abstract String inputTopic();

    @Test
    void payloadBreakingTheContractIsDeadLetteredWithItsReason() {
        String key = "contract-breaker-" + UUID.randomUUID();
        byte[] payload = "{\"schemaVersion\":1,\"this is\":\"not the event\"".getBytes(StandardCharsets.UTF_8);

        KafkaProbe.send(inputTopic(), key, payload);

        DeadLetter letter = KafkaProbe.await(Topics.DEAD_LETTERS,
                        r -> key.equals(r.key()) && inputTopic().equals(deadLetter(r.value()).originalTopic()),
                        Duration.ofSeconds(30))
                .map(r -> deadLetter(r.value()))
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + " from " + inputTopic()));
        assertThat(letter.payload()).isEqualTo(payload);
        assertThat(letter.reason()).contains("malformed JSON");
        assertThat(letter.consumerGroup()).isNotBlank();
    }

    private static DeadLetter deadLetter(byte[] value) {
        return EventSerde.instance().deserialize(value, DeadLetter.class);
    }
}
