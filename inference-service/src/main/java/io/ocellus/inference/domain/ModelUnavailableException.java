package io.ocellus.inference.domain;

import io.ocellus.commons.messaging.FailureKind;
import io.ocellus.commons.messaging.RetryableFailure;

/**
 * A request names a model that cannot answer: unknown (404, for good) or known but not served now, overloaded or
 * late (503, worth another try).
 */
public final class ModelUnavailableException extends RuntimeException implements RetryableFailure {

    private final int status;

    public ModelUnavailableException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public FailureKind failureKind() {
        return status == 404 ? FailureKind.PERMANENT : FailureKind.TRANSIENT;
    }
}
