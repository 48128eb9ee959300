package io.ocellus.commons.messaging;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Decodes a consumed record into its event and runs the handler; a payload that breaks its contract, or a handler
 * that fails, sends the record to the dead-letter topic with the reason. Either way the consumer goes on.
 */
@ApplicationScoped
public class IncomingEvents {

    private final EventSerde serde = EventSerde.instance();
    private final DeadLetterPublisher deadLetters;

    public IncomingEvents(DeadLetterPublisher deadLetters) {
        this.deadLetters = deadLetters;
    }

    public <T> void handle(ConsumerRecord<String, byte[]> record, Class<T> type, String consumerGroup,
                           Consumer<T> handler) {
        handle(record, type, consumerGroup, handler, (invalid, reason) -> {
        });
    }

    /**
     * As {@link #handle(ConsumerRecord, Class, String, Consumer)}, and after dead-lettering a contract breaker,
     * tells {@code onInvalid} about it with the reason, e.g. to mark the job its key names as failed.
     */
    public <T> void handle(ConsumerRecord<String, byte[]> record, Class<T> type, String consumerGroup,
                           Consumer<T> handler, BiConsumer<ConsumerRecord<String, byte[]>, String> onInvalid) {
        T event;
        try {
            event = serde.deserialize(record.value() == null ? new byte[0] : record.value(), type);
        } catch (InvalidEventException e) {
            String reason = "invalid " + type.getSimpleName() + ": " + e.getMessage();
            deadLetters.publish(record, consumerGroup, e, reason);
            onInvalid.accept(record, reason);
            return;
        }
        try {
            handler.accept(event);
        } catch (EventPublishException e) {
            // the broker itself is failing: let the record be redelivered rather than parking it
            throw e;
        } catch (RuntimeException e) {
            deadLetters.publish(record, consumerGroup, e, "processing failed: " + e);
        }
    }
}
