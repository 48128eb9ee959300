package io.ocellus.trainer.training;

import io.ocellus.commons.charts.CurvePoint;

import java.util.List;

/**
 * One finished epoch (numbered from 1). Rank-5 is null when there are fewer than five classes; validation values
 * are null when there is no validation split.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, Double valLoss, Double valAccuracy,
                           Double valRank5, double learningRate, double imagesPerSecond, double seconds,
                           String phase) {

    /** The points of a training curve drawn from these epochs. */
    public static List<CurvePoint> curve(List<EpochMetrics> history) {
        return history.stream()
                .map(m -> new CurvePoint(m.epoch(), m.trainLoss(), m.valLoss(), m.trainAccuracy(), m.valAccuracy(),
                        m.phase()))
                .toList();
    }
}
