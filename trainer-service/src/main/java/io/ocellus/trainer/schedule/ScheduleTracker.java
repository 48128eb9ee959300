package io.ocellus.trainer.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * Feeds a {@link LearningRateSchedule} to a DJL optimizer. DJL counts updates per parameter from 1; a job resumed
 * at an epoch continues the schedule from that epoch's first step.
 */
public final class ScheduleTracker implements Tracker {

    private final LearningRateSchedule schedule;
    private final int iterationsPerEpoch;
    private final long firstIteration;

    public ScheduleTracker(LearningRateSchedule schedule, int iterationsPerEpoch, int startEpoch) {
        if (iterationsPerEpoch < 1) {
            throw new IllegalArgumentException("an epoch needs at least one batch");
        }
        this.schedule = schedule;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.firstIteration = (long) startEpoch * iterationsPerEpoch;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) schedule.rate(firstIteration + Math.max(0, numUpdate - 1), iterationsPerEpoch);
    }
}
