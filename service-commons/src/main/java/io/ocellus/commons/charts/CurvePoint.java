package io.ocellus.commons.charts;

/** One epoch of a training curve; a validation value is null when the job has no validation split. */
public record CurvePoint(int epoch, double trainLoss, Double valLoss, double trainAccuracy, Double valAccuracy) {
}
