package io.ocellus.commons.messaging;

import java.time.Duration;
import java.util.Optional;

/**
 * The tries of one record: bounded exponential backoff for transient failures, and waiting out an unreachable
 * dependency until the outage patience is spent. Permanent failures get no second try.
 */
final class RetrySchedule {

    private final RetryConfig config;
    private final long startedNanos;
    private int attempts;

    RetrySchedule(RetryConfig config, long startedNanos) {
        this.config = config;
        this.startedNanos = startedNanos;
    }

    /** Counts a failed try; the wait before the next one, or empty when the record should be given up. */
    Optional<Duration> afterFailure(FailureKind kind, long nowNanos) {
        attempts++;
        return switch (kind) {
            case PERMANENT -> Optional.empty();
            case TRANSIENT -> attempts >= config.attempts() ? Optional.empty() : Optional.of(backoff());
            case UNAVAILABLE -> Duration.ofNanos(nowNanos - startedNanos).compareTo(config.outagePatience()) >= 0
                    ? Optional.empty() : Optional.of(backoff());
        };
    }

    int attempts() {
        return attempts;
    }

    /** initial × 2^(attempts − 1), capped. */
    Duration backoff() {
        long initial = config.initialBackoff().toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = Math.min(config.maxBackoff().toMillis(), initial * (1L << doublings));
        return Duration.ofMillis(Math.max(millis, 1));
    }
}
