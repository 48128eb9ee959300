package io.ocellus.vision.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class SoftNmsTest {

    private static final Box TOP = new Box(0, 0, 10, 10, 0, 0.9);
    /** IoU with TOP: 50 / 150 = 1/3. */
    private static final Box HALF = new Box(5, 0, 15, 10, 0, 0.8);
    private static final Box FAR = new Box(40, 40, 50, 50, 0, 0.7);

    @Test
    void gaussianDecayFollowsItsFormula() {
        double sigma = 0.5;
        List<Box> kept = SoftNms.apply(List.of(HALF, TOP, FAR), SoftNms.Decay.GAUSSIAN, sigma, 0.3, 0.001, 0);

        double decayed = 0.8 * Math.exp(-(1.0 / 9) / sigma);
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0)).isEqualTo(TOP);
        // FAR does not overlap TOP (weight exp(0) = 1) and now outranks the decayed HALF
        assertThat(kept.get(1).score()).isCloseTo(0.7, offset(1e-12));
        assertThat(kept.get(2).score()).isCloseTo(decayed, offset(1e-12));
    }

    @Test
    void linearDecayOnlyAboveTheThreshold() {
        List<Box> strict = SoftNms.apply(List.of(TOP, HALF), SoftNms.Decay.LINEAR, 0.5, 0.3, 0.001, 0);
        assertThat(strict.get(1).score()).isCloseTo(0.8 * (1 - 1.0 / 3), offset(1e-12));

        List<Box> loose = SoftNms.apply(List.of(TOP, HALF), SoftNms.Decay.LINEAR, 0.5, 0.5, 0.001, 0);
        assertThat(loose.get(1).score()).isEqualTo(0.8);
    }

    @Test
    void boxesDecayedBelowTheMinimumScoreAreDropped() {
        Box twin = new Box(0, 0, 10, 10, 0, 0.5);
        // IoU 1: Gaussian weight exp(-1 / 0.1) leaves 0.5 * 4.5e-5
        assertThat(SoftNms.apply(List.of(TOP, twin), SoftNms.Decay.GAUSSIAN, 0.1, 0.3, 0.01, 0))
                .containsExactly(TOP);
        assertThat(SoftNms.weight(SoftNms.Decay.GAUSSIAN, 1, 0.1, 0.3)).isCloseTo(Math.exp(-10), offset(1e-15));
    }
}
