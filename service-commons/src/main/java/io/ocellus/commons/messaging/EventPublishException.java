package io.ocellus.commons.messaging;

/** An event was not acknowledged by Kafka in time; the caller must not report success. */
public class EventPublishException extends RuntimeException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
