package io.ocellus.commons.messaging.stream;

import io.ocellus.commons.messaging.ChannelBindingsConfigSource;

import java.time.Duration;

/**
 * A topic a service consumes exactly once, in its consumer group: {@code concurrency} workers handle its records
 * (an asynchronous handler keeps more in flight), each taking up to {@code recordCost} of a worker's time in normal
 * operation, which sets how many records one poll takes.
 */
public record StreamBinding(String topic, String consumerGroup, int concurrency, Duration recordCost) {

    public StreamBinding {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
    }

    /** Records per poll: as for a channel, with the work spread over the workers. */
    public int maxPollRecords() {
        return ChannelBindingsConfigSource.maxPollRecords(recordCost.dividedBy(concurrency));
    }
}
