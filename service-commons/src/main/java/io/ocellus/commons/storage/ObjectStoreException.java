package io.ocellus.commons.storage;

import io.ocellus.commons.messaging.FailureKind;
import io.ocellus.commons.messaging.RetryableFailure;

/**
 * The object store could not be reached or refused an operation; callers answer 503 rather than 500. Its kind
 * tells a consumer whether to wait for the store ({@link FailureKind#UNAVAILABLE}), try again
 * ({@link FailureKind#TRANSIENT}), or give the record up ({@link FailureKind#PERMANENT}: no such object or bucket).
 */
public class ObjectStoreException extends RuntimeException implements RetryableFailure {

    private final FailureKind kind;

    public ObjectStoreException(String message, Throwable cause) {
        this(message, cause, FailureKind.UNAVAILABLE);
    }

    public ObjectStoreException(String message, Throwable cause, FailureKind kind) {
        super(message, cause);
        this.kind = kind;
    }

    @Override
    public FailureKind failureKind() {
        return kind;
    }

    /** The object or its bucket does not exist: no retry will change that. */
    public boolean missing() {
        return kind == FailureKind.PERMANENT;
    }
}
