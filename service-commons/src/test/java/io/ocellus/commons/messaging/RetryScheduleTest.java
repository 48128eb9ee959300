package io.ocellus.commons.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    private final RetryConfig config = new RetryConfig() {
        @Override
        public int attempts() {
            return 4;
        }

        @Override
        public Duration initialBackoff() {
            return Duration.ofMillis(200);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration outagePatience() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration stallAfter() {
            return Duration.ofMinutes(2);
        }
    };

    @Test
    void aPermanentFailureGetsNoSecondTry() {
        RetrySchedule schedule = new RetrySchedule(config, 0);

        assertThat(schedule.afterFailure(FailureKind.PERMANENT, 0)).isEmpty();
        assertThat(schedule.attempts()).isEqualTo(1);
    }

    @Test
    void transientFailuresBackOffExponentiallyUpToTheCapThenGiveUp() {
        RetrySchedule schedule = new RetrySchedule(config, 0);
        List<Long> waits = new ArrayList<>();
        Optional<Duration> wait;
        while ((wait = schedule.afterFailure(FailureKind.TRANSIENT, 0)).isPresent()) {
            waits.add(wait.get().toMillis());
        }

        assertThat(waits).containsExactly(200L, 400L, 800L);
        assertThat(schedule.attempts()).as("tries, the last one included").isEqualTo(4);
        assertThat(new RetrySchedule(config, 0).backoff()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void anUnreachableDependencyIsWaitedOutUntilThePatienceIsSpent() {
        RetrySchedule schedule = new RetrySchedule(config, 0);
        for (int i = 0; i < 50; i++) {
            assertThat(schedule.afterFailure(FailureKind.UNAVAILABLE, i * SECOND))
                    .as("try %d, %d s into the outage", i + 1, i).hasValueSatisfying(
                            d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        }

        assertThat(schedule.afterFailure(FailureKind.UNAVAILABLE, 61 * SECOND)).isEmpty();
        assertThat(schedule.attempts()).isEqualTo(51);
    }
}
