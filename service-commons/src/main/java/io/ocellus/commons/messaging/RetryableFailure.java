package io.ocellus.commons.messaging;

/**
 * An exception that knows whether trying again may help, e.g. a model that is overloaded (transient) versus one
 * nobody published (permanent). {@link Failures} asks it before guessing from the exception's type.
 */
public interface RetryableFailure {

    FailureKind failureKind();
}
