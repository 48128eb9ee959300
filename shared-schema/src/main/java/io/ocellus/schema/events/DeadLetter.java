package io.ocellus.schema.events;

import java.time.Instant;
import java.util.Base64;

/**
 * A record a consumer could not process, with where it came from and why. Keyed by the original key so a
 * replay keeps the original ordering. The original value travels as base64 because it may not be valid JSON
 * (or valid anything); a null (tombstone) value is stored as the empty string.
 *
 * <p>A value too large to travel inline (its base64 would exceed the broker's request size) is kept in the
 * object store instead: then {@code payloadBase64} is empty and {@code payloadKey} names the object in the
 * dead-letter bucket, with {@code payloadSize} its length. {@code attempts} counts how often the consumer tried the
 * record before giving up (1 for a record that broke its contract or failed for good on the first try).
 */
public record DeadLetter(int schemaVersion, String originalTopic, int partition, long offset, String key,
                         String payloadBase64, String errorClass, String reason, String consumerGroup,
                         Instant failedAt, Integer attempts, String payloadKey, Long payloadSize) {

    public static final int SCHEMA_VERSION = 1;
    /** The bucket that holds the values of dead letters too large to carry inline. */
    public static final String PAYLOAD_BUCKET = "ocellus-dead-letters";

    public static DeadLetter of(String originalTopic, int partition, long offset, String key, byte[] payload,
                                String errorClass, String reason, String consumerGroup, Instant failedAt) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        String encoded = Base64.getEncoder().encodeToString(bytes);
        return new DeadLetter(SCHEMA_VERSION, originalTopic, partition, offset, key, encoded, errorClass, reason,
                consumerGroup, failedAt, null, null, (long) bytes.length);
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

    /** The same letter, saying how many times the consumer tried the record. */
    public DeadLetter withAttempts(int count) {
        return new DeadLetter(schemaVersion, originalTopic, partition, offset, key, payloadBase64, errorClass, reason,
                consumerGroup, failedAt, count, payloadKey, payloadSize);
    }

    /**
     * The same letter with its value, of {@code size} bytes, kept in the store under {@code objectKey} (in
     * {@link #PAYLOAD_BUCKET}) instead of inline.
     */
    public DeadLetter withPayloadStoredAt(String objectKey, long size) {
        return new DeadLetter(schemaVersion, originalTopic, partition, offset, key, "", errorClass, reason,
                consumerGroup, failedAt, attempts, objectKey, size);
    }

    /** Whether the original value is in the store rather than in {@link #payloadBase64()}. */
    public boolean payloadStored() {
        return payloadKey != null && !payloadKey.isEmpty();
    }

    /** The original value bytes, decoded from {@link #payloadBase64()}; empty when the value is in the store. */
    public byte[] payload() {
        return payloadBase64 == null ? new byte[0] : Base64.getDecoder().decode(payloadBase64);
    }
}
