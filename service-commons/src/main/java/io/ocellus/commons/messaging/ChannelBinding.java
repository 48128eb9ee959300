package io.ocellus.commons.messaging;

import java.time.Duration;

/**
 * An incoming channel of a service, bound to its topic and consumer group (all constants of shared-schema), with
 * the most one record may take to process in normal operation, from which the poll size is set.
 */
public record ChannelBinding(String channel, String topic, String consumerGroup, Duration recordCost) {

    /** Records whose handling is bookkeeping in memory or one small publish. */
    public static final Duration LIGHT = Duration.ofMillis(50);

    public ChannelBinding(String channel, String topic, String consumerGroup) {
        this(channel, topic, consumerGroup, LIGHT);
    }
}
