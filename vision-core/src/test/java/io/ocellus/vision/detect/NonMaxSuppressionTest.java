package io.ocellus.vision.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NonMaxSuppressionTest {

    /** The textbook loop: sort best first, keep a box unless a kept box of its class overlaps it too much. */
    static List<Box> bruteForce(List<Box> boxes, double threshold, int max) {
        return bruteForce(boxes, threshold, max, false);
    }

    static List<Box> bruteForce(List<Box> boxes, double threshold, int max, boolean acrossClasses) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, boxes.size()).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> -boxes.get(i).score()).thenComparingInt(i -> i));
        List<Box> kept = new ArrayList<>();
        for (int i : order) {
            Box candidate = boxes.get(i);
            boolean suppressed = false;
            for (Box k : kept) {
                if ((acrossClasses || k.label() == candidate.label()) && k.iou(candidate) > threshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(candidate);
                if (max > 0 && kept.size() == max) {
                    break;
                }
            }
        }
        return kept;
    }

    /** Random scenes: clustered boxes of mixed sizes (a few as large as the image), up to three classes. */
    static List<Box> randomBoxes(Random random, int count) {
        List<Box> boxes = new ArrayList<>();
        int clusters = 1 + random.nextInt(8);
        double[][] centres = new double[clusters][2];
        for (double[] c : centres) {
            c[0] = random.nextDouble() * 1000;
            c[1] = random.nextDouble() * 800;
        }
        for (int i = 0; i < count; i++) {
            double[] c = centres[random.nextInt(clusters)];
            double size = random.nextInt(20) == 0 ? 300 + random.nextDouble() * 900 : 5 + random.nextDouble() * 80;
            double w = size * (0.5 + random.nextDouble());
            double h = size * (0.5 + random.nextDouble());
            double x = c[0] + random.nextGaussian() * 40 - w / 2;
            double y = c[1] + random.nextGaussian() * 40 - h / 2;
            // scores on a coarse grid, so that ties happen and their order is tested too
            double score = Math.round(random.nextDouble() * 50) / 50.0;
            boxes.add(new Box(x, y, x + w, y + h, random.nextInt(3), score));
        }
        return boxes;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
            26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void equalsTheBruteForceReference(long seed) {
        Random random = new Random(seed);
        List<Box> boxes = randomBoxes(random, random.nextInt(600));
        double threshold = random.nextInt(10) == 0 ? 0 : random.nextDouble();
        int max = random.nextInt(4) == 0 ? 1 + random.nextInt(20) : 0;

        assertThat(NonMaxSuppression.apply(boxes, threshold, max)).containsExactlyElementsOf(
                bruteForce(boxes, threshold, max));
        assertThat(NonMaxSuppression.apply(boxes, threshold, max, true)).containsExactlyElementsOf(
                bruteForce(boxes, threshold, max, true));
    }

    /** Below 0.5 a kept box may be up to 1/t times the candidate's size: the grid must reach that far. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60})
    void equalsTheBruteForceReferenceAtLowThresholds(long seed) {
        Random random = new Random(seed);
        List<Box> boxes = randomBoxes(random, 200 + random.nextInt(600));
        double threshold = 0.01 + random.nextDouble() * 0.49;

        assertThat(NonMaxSuppression.apply(boxes, threshold, 0)).containsExactlyElementsOf(
                bruteForce(boxes, threshold, 0));
        assertThat(NonMaxSuppression.apply(boxes, threshold, 0, true)).containsExactlyElementsOf(
                bruteForce(boxes, threshold, 0, true));
    }

    @Test
    void keepsTheBestOfAnOverlappingPairPerClass() {
        Box best = new Box(0, 0, 10, 10, 0, 0.9);
        Box shifted = new Box(1, 1, 11, 11, 0, 0.8);
        Box otherClass = new Box(1, 1, 11, 11, 1, 0.7);
        Box apart = new Box(50, 50, 60, 60, 0, 0.6);

        assertThat(NonMaxSuppression.apply(List.of(shifted, apart, best, otherClass), 0.5, 0))
                .containsExactly(best, otherClass, apart);
        assertThat(NonMaxSuppression.apply(List.of(shifted, best), 0.7, 0)).containsExactly(best, shifted);
        assertThat(NonMaxSuppression.apply(List.of(), 0.5, 0)).isEmpty();
        assertThatThrownBy(() -> NonMaxSuppression.apply(List.of(best), 1.5, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iouOfKnownBoxes() {
        Box a = new Box(0, 0, 10, 10, 0, 1);
        assertThat(a.iou(new Box(5, 0, 15, 10, 0, 1))).isEqualTo(50.0 / 150.0);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(10, 0, 20, 10, 0, 1))).isZero();
    }
}
