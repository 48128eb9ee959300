package io.ocellus.monitor.domain;

import io.ocellus.schema.events.TrainingStatus;

import java.time.Instant;
import java.util.List;

/**
 * What monitor-service knows of one training job: its request (when seen), its latest status and every epoch in
 * epoch order. Immutable: a snapshot for REST, the event stream and the metrics.
 */
public record JobView(String jobId, String dataset, String modelName, String architecture, Integer totalEpochs,
                      TrainingStatus status, String reason, Instant requestedAt, Instant updatedAt,
                      List<EpochPoint> epochs) {

    public JobView {
        epochs = List.copyOf(epochs);
    }

    /** The newest epoch, or null before the first one ends. */
    public EpochPoint lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** The same job without its epochs: one row of the jobs list. */
    public JobView summary() {
        EpochPoint last = lastEpoch();
        return new JobView(jobId, dataset, modelName, architecture, totalEpochs, status, reason, requestedAt,
                updatedAt, last == null ? List.of() : List.of(last));
    }
}
