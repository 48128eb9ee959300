package io.ocellus.commons.messaging;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.EventType;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes Ocellus events and waits for the broker's acknowledgement, so that a caller reports success only for
 * an event that is durably on its topic. The topic is the one shared-schema assigns to the event's type.
 */
@ApplicationScoped
public class EventPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final EventSerde serde = EventSerde.instance();

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          @ConfigProperty(name = "ocellus.kafka.ack-timeout", defaultValue = "15s") Duration ackTimeout,
                          @ConfigProperty(name = "quarkus.application.name", defaultValue = "ocellus") String client,
                          KafkaSecurity security) {
        int timeoutMs = (int) ackTimeout.toMillis();
        this.ackTimeout = ackTimeout;
        this.producer = new KafkaProducer<>(security.with(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, client + "-events",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // bounded so that an unreachable broker turns into a clear 503, not a hung request
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs)),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code event} keyed by {@code key} to its topic and blocks until acknowledged. */
    public RecordMetadata publish(String key, Object event) {
        String topic = EventType.of(event.getClass()).topic();
        return publish(topic, key, serde.serialize(event));
    }

    RecordMetadata publish(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value))
                    .get(ackTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new EventPublishException("Kafka did not accept the event for " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new EventPublishException("Kafka did not acknowledge the event for " + topic + " within "
                    + ackTimeout.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
