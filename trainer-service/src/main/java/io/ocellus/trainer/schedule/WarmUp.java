package io.ocellus.trainer.schedule;

/**
 * Ramps the rate up linearly over the first {@code epochs} epochs, step by step, to what {@code after} gives;
 * large batches and fresh batch-norm statistics then do not meet a full-size step at once.
 */
public record WarmUp(LearningRateSchedule after, int epochs) implements LearningRateSchedule {

    public WarmUp {
        if (epochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + epochs);
        }
    }

    @Override
    public double rate(long iteration, int iterationsPerEpoch) {
        long warmupSteps = (long) epochs * iterationsPerEpoch;
        double target = after.rate(iteration, iterationsPerEpoch);
        return iteration < warmupSteps ? target * (iteration + 1) / warmupSteps : target;
    }
}
