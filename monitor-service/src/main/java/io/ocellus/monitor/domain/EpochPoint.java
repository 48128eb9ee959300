package io.ocellus.monitor.domain;

import java.time.Instant;

/**
 * One epoch of a job as its progress event reported it; validation values are null without a validation split, and
 * {@code phase} for a job that is not fine-tuning.
 */
public record EpochPoint(int epoch, Double trainLoss, Double valLoss, Double trainAccuracy, Double valAccuracy,
                         Double valRank5, Double learningRate, Double imagesPerSecond, Instant at, String phase) {
}
