package io.ocellus.trainer.schedule;

import io.ocellus.schema.events.Schedule;
import io.ocellus.schema.events.ScheduleType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScheduleTest {

    private static final int BATCHES = 50;

    @Test
    void constantStaysPut() {
        LearningRateSchedule s = Schedules.of(new Schedule(ScheduleType.CONSTANT, null, null, null, null, null), 0.01, 10);
        assertThat(s.rateAtEpoch(0, BATCHES)).isEqualTo(0.01);
        assertThat(s.rateAtEpoch(9, BATCHES)).isEqualTo(0.01);
    }

    @Test
    void stepDecayDropsEveryNEpochs() {
        LearningRateSchedule s = Schedules.of(new Schedule(ScheduleType.STEP, 0.25, 5, null, null, null), 0.01, 40);
        assertThat(s.rateAtEpoch(0, BATCHES)).isCloseTo(0.01, within(1e-12));
        assertThat(s.rateAtEpoch(4, BATCHES)).isCloseTo(0.01, within(1e-12));
        assertThat(s.rateAtEpoch(5, BATCHES)).isCloseTo(0.0025, within(1e-12));
        assertThat(s.rateAtEpoch(12, BATCHES)).isCloseTo(0.000625, within(1e-12));
        // the last step of epoch 4 still has the old rate, the first of epoch 5 the new one
        assertThat(s.rate(5L * BATCHES - 1, BATCHES)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void polynomialDecayIsLinearAtPowerOne() {
        LearningRateSchedule linear = Schedules.of(new Schedule(ScheduleType.POLYNOMIAL, null, null, 1.0, null, null),
                0.1, 10);
        assertThat(linear.rateAtEpoch(0, BATCHES)).isCloseTo(0.1, within(1e-12));
        assertThat(linear.rateAtEpoch(5, BATCHES)).isCloseTo(0.05, within(1e-12));
        assertThat(linear.rateAtEpoch(9, BATCHES)).isCloseTo(0.01, within(1e-12));
        LearningRateSchedule quadratic = Schedules.of(
                new Schedule(ScheduleType.POLYNOMIAL, null, null, 2.0, null, null), 0.1, 10);
        assertThat(quadratic.rateAtEpoch(5, BATCHES)).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void timeBasedDecayFollowsKeras() {
        LearningRateSchedule s = Schedules.of(new Schedule(ScheduleType.TIME_BASED, null, null, null, 0.001, null),
                0.01, 40);
        assertThat(s.rate(0, BATCHES)).isCloseTo(0.01, within(1e-12));
        assertThat(s.rate(100, BATCHES)).isCloseTo(0.01 / 1.1, within(1e-12));
        assertThat(s.rateAtEpoch(10, BATCHES)).isCloseTo(0.01 / (1 + 0.001 * 500), within(1e-12));
        // without an explicit decay, Keras' usual choice: base / epochs
        LearningRateSchedule usual = Schedules.of(new Schedule(ScheduleType.TIME_BASED, null, null, null, null, null),
                0.01, 40);
        assertThat(usual.rate(40, BATCHES)).isCloseTo(0.01 / (1 + 0.01 / 40 * 40), within(1e-12));
    }

    @Test
    void warmUpRampsLinearlyThenHandsOver() {
        LearningRateSchedule s = Schedules.of(new Schedule(ScheduleType.STEP, 0.5, 10, null, null, 2), 0.1, 30);
        assertThat(s.rate(0, BATCHES)).isCloseTo(0.1 / 100, within(1e-12));
        assertThat(s.rate(49, BATCHES)).isCloseTo(0.1 * 50 / 100, within(1e-12));
        assertThat(s.rate(99, BATCHES)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rateAtEpoch(2, BATCHES)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rateAtEpoch(10, BATCHES)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void trackerContinuesFromTheResumedEpoch() {
        ScheduleTracker tracker = new ScheduleTracker(new StepDecay(0.1, 0.5, 2), BATCHES, 4);
        assertThat(tracker.getNewValue(1)).isCloseTo(0.025f, within(1e-9f));
        assertThat(new ScheduleTracker(new StepDecay(0.1, 0.5, 2), BATCHES, 0).getNewValue(1))
                .isCloseTo(0.1f, within(1e-9f));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> Schedules.of(null, 0, 10)).hasMessageContaining("learning rate must be > 0");
        assertThatThrownBy(() -> Schedules.of(new Schedule(ScheduleType.STEP, null, 5, null, null, null), 0.1, 10))
                .hasMessageContaining("needs factor");
        assertThatThrownBy(() -> Schedules.of(new Schedule(ScheduleType.STEP, 1.5, 5, null, null, null), 0.1, 10))
                .hasMessageContaining("factor must be in (0, 1]");
    }
}
