package io.ocellus.trainer.training;

/**
 * One finished epoch (numbered from 1). Rank-5 is null when there are fewer than five classes; validation values
 * are null when there is no validation split.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, Double valLoss, Double valAccuracy,
                           Double valRank5, double learningRate, double imagesPerSecond, double seconds) {
}
