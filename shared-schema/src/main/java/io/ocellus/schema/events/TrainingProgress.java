package io.ocellus.schema.events;

import java.time.Instant;

/**
 * State of a training job, sent on every status change and after every epoch. Keyed by {@code jobId}.
 * Metrics are null when not (yet) known; JSON has no NaN or infinity, so a diverged loss is sent as null
 * with status DIVERGED and the reason. {@code phase} names the phase of an epoch, when the job has phases: a
 * fine-tuning phase, or the member of an ensemble.
 */
public record TrainingProgress(int schemaVersion, String jobId, TrainingStatus status, Integer epoch,
                               Integer totalEpochs, Double trainLoss, Double valLoss, Double trainAccuracy,
                               Double valAccuracy, Double valRank5, Double learningRate, Double imagesPerSecond,
                               String reason, Instant at, String phase) {

    public static final int SCHEMA_VERSION = 1;

    public static TrainingProgress of(String jobId, TrainingStatus status, Integer epoch, Integer totalEpochs,
                                      Double trainLoss, Double valLoss, Double trainAccuracy, Double valAccuracy,
                                      Double valRank5, Double learningRate, Double imagesPerSecond, String reason,
                                      Instant at) {
        return new TrainingProgress(SCHEMA_VERSION, jobId, status, epoch, totalEpochs, trainLoss, valLoss,
                trainAccuracy, valAccuracy, valRank5, learningRate, imagesPerSecond, reason, at, null);
    }

    /**
     * The same report for an epoch of a phase ({@code warm-up}, {@code fine-tune}, {@code head-only}, or an ensemble's
     * {@code member 2 of 3}).
     */
    public TrainingProgress withPhase(String name) {
        return new TrainingProgress(schemaVersion, jobId, status, epoch, totalEpochs, trainLoss, valLoss,
                trainAccuracy, valAccuracy, valRank5, learningRate, imagesPerSecond, reason, at, name);
    }

    /** A status change with no metrics, e.g. QUEUED, or FAILED with its reason. */
    public static TrainingProgress status(String jobId, TrainingStatus status, String reason, Instant at) {
        return of(jobId, status, null, null, null, null, null, null, null, null, null, reason, at);
    }
}
