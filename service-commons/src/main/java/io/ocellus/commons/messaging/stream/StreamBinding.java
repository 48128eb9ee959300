package io.ocellus.commons.messaging.stream;

import java.time.Duration;

/**
 * A topic a service consumes exactly once, in its consumer group: {@code concurrency} workers handle its records
 * (an asynchronous handler keeps more in flight), each taking up to {@code recordCost} of a worker's time in normal
 * operation, which sets how many records one poll takes.
 */
public record StreamBinding(String topic, String consumerGroup, int concurrency, Duration recordCost) {

    /** How much work, at most, one poll takes off the broker. */
    static final Duration POLL_WORK = Duration.ofSeconds(30);
    private static final int MAX_POLL_RECORDS = 500;

    public StreamBinding {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
    }

    /** Records per poll: about {@link #POLL_WORK} of work spread over the concurrent handlers. */
    public int maxPollRecords() {
        long perPoll = POLL_WORK.toMillis() * concurrency / Math.max(1, recordCost.toMillis());
        return (int) Math.max(1, Math.min(MAX_POLL_RECORDS, perPoll));
    }
}
