package io.ocellus.commons.messaging;

/** An incoming channel of a service, bound to its topic and consumer group (all constants of shared-schema). */
public record ChannelBinding(String channel, String topic, String consumerGroup) {
}
