package io.ocellus.commons.charts;

/**
 * One epoch of a training curve; a validation value is null when the job has no validation split, and
 * {@code phase} when the job has no phases (a fine-tuning job's warm-up and fine-tune).
 */
public record CurvePoint(int epoch, double trainLoss, Double valLoss, double trainAccuracy, Double valAccuracy,
                         String phase) {

    public CurvePoint(int epoch, double trainLoss, Double valLoss, double trainAccuracy, Double valAccuracy) {
        this(epoch, trainLoss, valLoss, trainAccuracy, valAccuracy, null);
    }
}
