package io.ocellus.schema.events;

import java.time.Instant;
import java.util.Base64;

/**
 * A record a consumer could not process, with where it came from and why. Keyed by the original key so a
 * replay keeps the original ordering. The original value travels as base64 because it may not be valid JSON
 * (or valid anything); a null (tombstone) value is stored as the empty string.
 */
public record DeadLetter(int schemaVersion, String originalTopic, int partition, long offset, String key,
                         String payloadBase64, String errorClass, String reason, String consumerGroup,
                         Instant failedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static DeadLetter of(String originalTopic, int partition, long offset, String key, byte[] payload,
                                String errorClass, String reason, String consumerGroup, Instant failedAt) {
        String encoded = Base64.getEncoder().encodeToString(payload == null ? new byte[0] : payload);
        return new DeadLetter(SCHEMA_VERSION, originalTopic, partition, offset, key, encoded, errorClass, reason,
                consumerGroup, failedAt);
    }

    /**
     * Dead letter for a failure, using the exception's class name and message (its class name when the
     * message is empty) so every service reports errors the same way.
     */
    public static DeadLetter of(String originalTopic, int partition, long offset, String key, byte[] payload,
                                Throwable error, String consumerGroup, Instant failedAt) {
        String message = error.getMessage();
        String reason = message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
        return of(originalTopic, partition, offset, key, payload, error.getClass().getName(), reason, consumerGroup,
                failedAt);
    }

    /** The original value bytes, decoded from {@link #payloadBase64()}. */
    public byte[] payload() {
        return payloadBase64 == null ? new byte[0] : Base64.getDecoder().decode(payloadBase64);
    }
}
