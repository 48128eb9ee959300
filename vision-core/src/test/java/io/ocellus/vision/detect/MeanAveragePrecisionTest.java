package io.ocellus.vision.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class MeanAveragePrecisionTest {

    private static Box box(double x, double y, int label, double score) {
        return new Box(x, y, x + 10, y + 10, label, score);
    }

    @Test
    void averagePrecisionOfAHandWorkedRanking() {
        // class 0, two objects in one image; ranked detections: hit, miss, hit
        // precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1; made monotone: 1 up to recall 1/2, then 2/3
        // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6
        MeanAveragePrecision.Image image = new MeanAveragePrecision.Image(
                List.of(box(0, 0, 0, 1), box(50, 50, 0, 1)),
                List.of(box(1, 0, 0, 0.9), box(100, 100, 0, 0.8), box(50, 51, 0, 0.7)));

        MeanAveragePrecision.Result result = MeanAveragePrecision.evaluate(List.of(image), 0.5);

        assertThat(result.perClass().get(0)).isCloseTo(5.0 / 6, offset(1e-12));
        assertThat(result.map()).isCloseTo(5.0 / 6, offset(1e-12));
    }

    @Test
    void duplicatesAndWrongClassesAreFalsePositivesAndClassesAreAveraged() {
        MeanAveragePrecision.Image first = new MeanAveragePrecision.Image(
                List.of(box(0, 0, 0, 1), box(30, 30, 1, 1)),
                // a perfect hit, then a duplicate of it, then a class-1 box on the class-0 object
                List.of(box(0, 0, 0, 0.9), box(0, 1, 0, 0.8), box(0, 0, 1, 0.7)));
        MeanAveragePrecision.Image second = new MeanAveragePrecision.Image(List.of(box(5, 5, 1, 1)),
                List.of(box(5, 5, 1, 0.95)));

        MeanAveragePrecision.Result result = MeanAveragePrecision.evaluate(List.of(first, second), 0.5);

        // class 0: one object, found first (precision 1 at recall 1) then a duplicate: AP 1
        assertThat(result.perClass().get(0)).isCloseTo(1.0, offset(1e-12));
        // class 1: two objects; ranked: hit (0.95), miss (0.7): precision 1 at recall 1/2, never recall 1: AP 1/2
        assertThat(result.perClass().get(1)).isCloseTo(0.5, offset(1e-12));
        assertThat(result.map()).isCloseTo(0.75, offset(1e-12));
    }

    @Test
    void noDetectionsScoreZeroAndTheOverlapThresholdDecides() {
        MeanAveragePrecision.Image missed = new MeanAveragePrecision.Image(List.of(box(0, 0, 0, 1)), List.of());
        assertThat(MeanAveragePrecision.evaluate(List.of(missed), 0.5).map()).isZero();
        // shifted 3 px: IoU 70/130 = 0.54, a hit; shifted 4 px: IoU 60/140 = 0.43, a miss
        MeanAveragePrecision.Image near = new MeanAveragePrecision.Image(List.of(box(0, 0, 0, 1)),
                List.of(box(3, 0, 0, 0.9)));
        MeanAveragePrecision.Image off = new MeanAveragePrecision.Image(List.of(box(0, 0, 0, 1)),
                List.of(box(4, 0, 0, 0.9)));
        assertThat(MeanAveragePrecision.evaluate(List.of(near), 0.5).map()).isCloseTo(1.0, offset(1e-12));
        assertThat(MeanAveragePrecision.evaluate(List.of(off), 0.5).map()).isZero();
    }
}
