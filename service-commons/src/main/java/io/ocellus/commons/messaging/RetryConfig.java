package io.ocellus.commons.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a consumer keeps trying a record before it goes to the dead-letter topic. */
@ConfigMapping(prefix = "ocellus.messaging.retry")
public interface RetryConfig {

    /** Tries of a record whose failure is {@link FailureKind#TRANSIENT} (a timeout, an overloaded model). */
    @WithDefault("5")
    int attempts();

    /** The wait after the first failed try; each further wait doubles, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * How long a record waits for a dependency that cannot be reached ({@link FailureKind#UNAVAILABLE}) before it
     * is dead-lettered. Meanwhile its partition makes no progress and nothing behind it is committed.
     */
    @WithDefault("10m")
    Duration outagePatience();

    /** A record in processing for longer than this makes readiness report the consumer as stalled. */
    @WithDefault("2m")
    Duration stallAfter();
}
