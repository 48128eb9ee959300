package io.ocellus.trainer.schedule;

import io.ocellus.schema.events.Schedule;

/** Turns a training request's schedule into a {@link LearningRateSchedule} starting at {@code baseRate}. */
public final class Schedules {

    private Schedules() {
    }

    public static LearningRateSchedule of(Schedule spec, double baseRate, int epochs) {
        if (baseRate <= 0 || !Double.isFinite(baseRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + baseRate);
        }
        if (spec == null) {
            return new ConstantRate(baseRate);
        }
        LearningRateSchedule schedule = switch (spec.type()) {
            case CONSTANT -> new ConstantRate(baseRate);
            case STEP -> new StepDecay(baseRate, required(spec.factor(), "step", "factor"),
                    (int) required(spec.dropEvery() == null ? null : spec.dropEvery().doubleValue(), "step",
                            "dropEvery"));
            case POLYNOMIAL -> new PolynomialDecay(baseRate, epochs, spec.power() == null ? 1 : spec.power());
            case TIME_BASED -> new TimeBasedDecay(baseRate, spec.decay() == null ? baseRate / epochs : spec.decay());
        };
        Integer warmup = spec.warmupEpochs();
        return warmup == null || warmup == 0 ? schedule : new WarmUp(schedule, warmup);
    }

    private static double required(Double value, String type, String field) {
        if (value == null) {
            throw new IllegalArgumentException("a " + type + " schedule needs " + field);
        }
        return value;
    }
}
