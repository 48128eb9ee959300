package io.ocellus.commons.messaging.stream;

/** One event a consumed record causes, published to its type's topic under {@code key}. */
public record Outgoing(String key, Object event) {
}
