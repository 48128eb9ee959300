package io.ocellus.commons.messaging;

import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts a processing failure into {@link FailureKind}s. The outermost exception that declares its kind
 * ({@link RetryableFailure}) decides; otherwise the first cause of a known transient or unavailable type does;
 * anything else is taken as the record's own fault, because retrying a bad record forever would stop the consumer.
 */
public final class Failures {

    private Failures() {
    }

    public static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryableFailure declared) {
                return declared.failureKind();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return FailureKind.UNAVAILABLE;
            }
            if (t instanceof RetriableException || t instanceof TimeoutException
                    || t instanceof SocketTimeoutException || t instanceof RejectedExecutionException
                    || t instanceof OutOfMemoryError) {
                return FailureKind.TRANSIENT;
            }
        }
        return FailureKind.PERMANENT;
    }
}
