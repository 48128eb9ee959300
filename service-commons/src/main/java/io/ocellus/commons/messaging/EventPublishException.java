package io.ocellus.commons.messaging;

import org.apache.kafka.common.errors.RetriableException;

/**
 * An event was not acknowledged by Kafka in time; the caller must not report success. A broker that is down or
 * slow makes this {@link FailureKind#UNAVAILABLE}; a refusal of this very record (too large, not authorised) is
 * {@link FailureKind#PERMANENT}.
 */
public class EventPublishException extends RuntimeException implements RetryableFailure {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public FailureKind failureKind() {
        Throwable cause = getCause();
        if (cause == null || cause instanceof RetriableException
                || cause instanceof java.util.concurrent.TimeoutException || cause instanceof InterruptedException) {
            return FailureKind.UNAVAILABLE;
        }
        return FailureKind.PERMANENT;
    }
}
