package io.ocellus.trainer.schedule;

/**
 * Decays the rate to zero over the training: {@code base * (1 - e / epochs)^power}; power 1 is a linear decay.
 */
public record PolynomialDecay(double base, int epochs, double power) implements LearningRateSchedule {

    public PolynomialDecay {
        if (epochs < 1) {
            throw new IllegalArgumentException("polynomial decay needs >= 1 epochs, got " + epochs);
        }
        if (power <= 0) {
            throw new IllegalArgumentException("polynomial decay power must be > 0, got " + power);
        }
    }

    @Override
    public double rate(long iteration, int iterationsPerEpoch) {
        int epoch = LearningRateSchedule.epochOf(iteration, iterationsPerEpoch);
        return base * Math.pow(Math.max(0, 1 - (double) epoch / epochs), power);
    }
}
