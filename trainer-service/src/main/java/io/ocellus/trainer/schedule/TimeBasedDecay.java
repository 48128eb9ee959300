package io.ocellus.trainer.schedule;

/**
 * Keras' classic time-based decay, applied at every optimizer step: {@code base / (1 + decay * iteration)}.
 * A common choice is {@code decay = base / epochs}.
 */
public record TimeBasedDecay(double base, double decay) implements LearningRateSchedule {

    public TimeBasedDecay {
        if (decay < 0) {
            throw new IllegalArgumentException("time-based decay must be >= 0, got " + decay);
        }
    }

    @Override
    public double rate(long iteration, int iterationsPerEpoch) {
        return base / (1 + decay * iteration);
    }
}
