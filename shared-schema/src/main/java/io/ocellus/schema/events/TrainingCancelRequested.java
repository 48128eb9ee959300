package io.ocellus.schema.events;

import java.time.Instant;

/**
 * Someone asked for a training job to stop. Keyed by {@code jobId}; the trainer running or queueing the job stops
 * it between two batches and reports it CANCELLED. {@code reason} is optional and shows up in that report.
 */
public record TrainingCancelRequested(int schemaVersion, String jobId, String reason, Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static TrainingCancelRequested of(String jobId, String reason, Instant requestedAt) {
        return new TrainingCancelRequested(SCHEMA_VERSION, jobId, reason, requestedAt);
    }
}
