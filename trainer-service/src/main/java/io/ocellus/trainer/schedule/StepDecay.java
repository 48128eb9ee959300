package io.ocellus.trainer.schedule;

/** Multiplies the rate by {@code factor} every {@code dropEvery} epochs: {@code base * factor^floor(e / N)}. */
public record StepDecay(double base, double factor, int dropEvery) implements LearningRateSchedule {

    public StepDecay {
        if (factor <= 0 || factor > 1) {
            throw new IllegalArgumentException("step decay factor must be in (0, 1], got " + factor);
        }
        if (dropEvery < 1) {
            throw new IllegalArgumentException("step decay must drop every >= 1 epochs, got " + dropEvery);
        }
    }

    @Override
    public double rate(long iteration, int iterationsPerEpoch) {
        int epoch = LearningRateSchedule.epochOf(iteration, iterationsPerEpoch);
        return base * Math.pow(factor, Math.floorDiv(epoch, dropEvery));
    }
}
