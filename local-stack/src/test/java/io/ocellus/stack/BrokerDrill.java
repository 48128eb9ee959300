package io.ocellus.stack;

import io.ocellus.schema.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker of a running stack: it refuses a client without a password it knows and a service's user outside its
 * topics; a record that is not an event is dead-lettered by every consumer of its topic, `ocellus dlq` lists those
 * letters and `ocellus dlq replay` sends one back to its topic, where it is dead-lettered again.
 */
final class BrokerDrill {

    /** Runs ./ocellus with the arguments, waiting up to the timeout. */
    interface Cli {
        LocalStackEndToEndTest.Result run(Duration timeout, String... args) throws Exception;
    }

    private static final String KEY = "e2e-not-an-event";

    private final StackLayout layout;
    private final Cli ocellus;

    BrokerDrill(StackLayout layout, Cli ocellus) {
        this.layout = layout;
        this.ocellus = ocellus;
    }

    void run() throws Exception {
        String kafka = StackState.read(layout).orElseThrow().component(StackComponents.KAFKA)
                .map(StackState.Component::url).orElseThrow().replaceFirst("^[a-z]+://", "");
        byte[] notAnEvent = "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer(kafka, KafkaCredentials.adminClientConfig(layout))) {
            producer.send(new ProducerRecord<>(Topics.IMAGES_INGESTED, KEY, notAnEvent)).get(30, TimeUnit.SECONDS);
        }
        KafkaCredentials users = KafkaCredentials.load(layout).orElseThrow();
        Map<String, Object> stranger = new HashMap<>(users.clientConfig("ingest-service"));
        stranger.put("sasl.jaas.config", users.jaas("ingest-service").replace(users.password("ingest-service"),
                "not-the-password"));
        try (KafkaProducer<String, byte[]> producer = producer(kafka, stranger)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.IMAGES_INGESTED, KEY, notAnEvent))
                    .get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (KafkaProducer<String, byte[]> producer = producer(kafka, users.clientConfig("ingest-service"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.TRAINING_REQUESTED, KEY,
                    notAnEvent)).get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
        List<String> letters = awaitLetters(1);
        String letter = letters.get(0).split("\\s+")[0];

        LocalStackEndToEndTest.Result replay = ocellus.run(Duration.ofMinutes(1), "dlq", "replay", "--letter", letter,
                "--state-dir", layout.stateDir().toString());
        assertThat(replay.exit()).as("./ocellus dlq replay: %s", replay.stderr()).isZero();
        assertThat(replay.stdout()).contains("replayed " + letter + " to " + Topics.IMAGES_INGESTED);
        awaitLetters(letters.size() + 1);
    }

    private static KafkaProducer<String, byte[]> producer(String kafka, Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The lines of `ocellus dlq` that name the key, once there are at least {@code count} of them. */
    private List<String> awaitLetters(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            LocalStackEndToEndTest.Result listed = ocellus.run(Duration.ofMinutes(1), "dlq", "--topic",
                    Topics.IMAGES_INGESTED, "--state-dir", layout.stateDir().toString());
            assertThat(listed.exit()).as("./ocellus dlq: %s", listed.stderr()).isZero();
            lines = listed.stdout().lines().filter(l -> l.contains(" " + KEY + " ")).toList();
            if (lines.size() >= count) {
                assertThat(listed.stdout()).contains("COUNT", "LETTER", "invalid ImageIngested");
                return lines;
            }
        }
        throw new AssertionError("fewer than " + count + " dead letters for " + KEY + ": " + lines);
    }
}
