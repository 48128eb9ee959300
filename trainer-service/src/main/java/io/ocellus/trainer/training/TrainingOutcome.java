package io.ocellus.trainer.training;

import io.ocellus.schema.events.TrainingStatus;

import java.util.List;

/**
 * How a run ended: COMPLETED, EARLY_STOPPED, CANCELLED or DIVERGED, with every epoch's metrics, the epoch whose
 * weights the net ends with, those weights, and the test score (null when the run did not finish).
 */
public record TrainingOutcome(TrainingStatus status, String reason, List<EpochMetrics> history, int finalEpoch,
                              byte[] parameters, SplitScore test) {

    public TrainingOutcome {
        history = List.copyOf(history);
    }
}
