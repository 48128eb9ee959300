package io.ocellus.trainer.schedule;

/**
 * The learning rate as a function of training progress. {@code iteration} counts optimizer steps from the start
 * of training (0-based); the epoch is {@code iteration / iterationsPerEpoch}.
 */
public interface LearningRateSchedule {

    double rate(long iteration, int iterationsPerEpoch);

    /** The rate at the first step of {@code epoch}, the value reported for that epoch. */
    default double rateAtEpoch(int epoch, int iterationsPerEpoch) {
        return rate((long) epoch * iterationsPerEpoch, iterationsPerEpoch);
    }

    static int epochOf(long iteration, int iterationsPerEpoch) {
        return (int) (iteration / iterationsPerEpoch);
    }
}
