package io.ocellus.commons.messaging;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
        T event;
        try {
            event = serde.deserialize(record.value() == null ? new byte[0] : record.value(), type);
        } catch (InvalidEventException e) {
            deadLetters.publish(record, consumerGroup, e, "invalid " + type.getSimpleName() + ": " + e.getMessage());
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
