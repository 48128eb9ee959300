package io.ocellus.commons.messaging;

/** How handling one consumed record ended: with the handler's result, or given up for the dead-letter topic. */
public sealed interface Attempt<R> {

    /** The handler succeeded, on the first try or after retries. */
    record Done<R>(R result) implements Attempt<R> {
    }

    /**
     * The record is given up: it broke its contract ({@code invalid}), failed permanently, failed transiently
     * {@code attempts} times, or its dependency stayed away through the outage patience.
     */
    record Rejected<R>(Throwable error, String reason, int attempts, boolean invalid) implements Attempt<R> {
    }
}
