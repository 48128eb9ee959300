package io.ocellus.stack.imports;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a batch is sent again after a 503 (the service is overloaded or its store is
 * briefly away) or a connection error: exponential backoff with jitter, so concurrent batches do not retry in step.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    Duration delay(int attempt) {
        long base = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        long jitter = capped <= 1 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(capped - jitter);
    }

    static boolean retryable(int status) {
        return status == 503 || status == 502 || status == 504 || status == 429;
    }
}
