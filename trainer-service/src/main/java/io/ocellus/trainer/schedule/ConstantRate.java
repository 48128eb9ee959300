package io.ocellus.trainer.schedule;

/** The same rate throughout. */
public record ConstantRate(double base) implements LearningRateSchedule {

    @Override
    public double rate(long iteration, int iterationsPerEpoch) {
        return base;
    }
}
