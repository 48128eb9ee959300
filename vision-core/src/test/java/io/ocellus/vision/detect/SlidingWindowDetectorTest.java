package io.ocellus.vision.detect;

import io.ocellus.vision.Preprocessor;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class SlidingWindowDetectorTest {

    private static final Preprocessor GRAY_28 = new Preprocessor(1, Preprocessor.unitScale(28, 28));

    /**
     * A stand-in classifier with two classes, background (0) and square (1): the square's probability is how much
     * of the window's border ring is dark and its centre bright, so it peaks where a window frames a square.
     */
    private static float[][] framing(float[] inputs, int count) {
        float[][] out = new float[count][];
        for (int n = 0; n < count; n++) {
            double inside = 0;
            double ring = 0;
            int insideCount = 0;
            int ringCount = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = inputs[n * 784 + y * 28 + x];
                    if (x >= 4 && x < 24 && y >= 4 && y < 24) {
                        inside += v;
                        insideCount++;
                    } else {
                        ring += v;
                        ringCount++;
                    }
                }
            }
            float square = (float) ((inside / insideCount) * (1 - ring / ringCount));
            out[n] = new float[]{1 - square, square};
        }
        return out;
    }

    private static BufferedImage scene(int width, int height, int[][] squares) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int[] sq : squares) {
            for (int y = sq[1]; y < sq[1] + sq[2]; y++) {
                for (int x = sq[0]; x < sq[0] + sq[2]; x++) {
                    image.getRaster().setSample(x, y, 0, 255);
                }
            }
        }
        return image;
    }

    private static SlidingWindowDetector.Settings settings(int step, boolean soft, double minScore) {
        return new SlidingWindowDetector.Settings(28, 28, step, 1.5, 28, minScore, 0.3, soft, false, Set.of(0), 16, 0,
                100_000);
    }

    @Test
    void findsEachSquareOnceWhereAWindowFramesIt() {
        // 20x20 squares sit exactly in the centre of a window at (40, 28) and at (100, 60) on level 0
        BufferedImage image = scene(160, 120, new int[][]{{44, 32, 20}, {104, 64, 20}});

        SlidingWindowDetector.Result result = SlidingWindowDetector.detect(image, GRAY_28,
                SlidingWindowDetectorTest::framing, settings(4, false, 0.5));

        // windows 4 px off a square still score about 0.63: NMS must remove them
        assertThat(result.boxes()).hasSize(2);
        assertThat(result.boxes()).anySatisfy(b -> assertBox(b, 40, 28, 68, 56));
        assertThat(result.boxes()).anySatisfy(b -> assertBox(b, 100, 60, 128, 88));
        assertThat(result.boxes()).allSatisfy(b -> assertThat(b.label()).isEqualTo(1));
        assertThat(result.boxesBeforeNms()).isGreaterThan(2);
        assertThat(result.windowsEvaluated()).isEqualTo(SlidingWindowDetector.windows(160, 120, settings(4, false, 0.5)));
        assertThat(result.levels()).isEqualTo(ImagePyramid.levels(160, 120, 1.5, 28, 28).size());
    }

    @Test
    void aLargerSquareIsFoundOnAHigherLevelAndMappedBack() {
        // 30x30 at (30, 30) on a 126x126 scene: on level 1 (84x84, scale 1.5) it is 20x20 at (20, 20),
        // framed by the window at (16, 16), which maps back to (24, 24)-(66, 66)
        BufferedImage image = scene(126, 126, new int[][]{{30, 30, 30}});

        SlidingWindowDetector.Result result = SlidingWindowDetector.detect(image, GRAY_28,
                SlidingWindowDetectorTest::framing, settings(4, false, 0.8));

        assertThat(result.boxes()).singleElement().satisfies(b -> assertBox(b, 24, 24, 66, 66));
    }

    @Test
    void softNmsKeepsTheBestBoxFirstAndDecaysTheOthers() {
        BufferedImage image = scene(160, 120, new int[][]{{44, 32, 20}});

        List<Box> soft = SlidingWindowDetector.detect(image, GRAY_28, SlidingWindowDetectorTest::framing,
                settings(4, true, 0.1)).boxes();

        assertThat(soft.size()).as("Soft-NMS keeps decayed neighbours").isGreaterThan(1);

        assertBox(soft.get(0), 40, 28, 68, 56);
        for (int i = 1; i < soft.size(); i++) {
            assertThat(soft.get(i).score()).isLessThanOrEqualTo(soft.get(i - 1).score());
        }
    }

    @Test
    void badSearchesAreRefusedWithTheReason() {
        BufferedImage small = scene(20, 20, new int[][]{});
        assertThatThrownBy(() -> SlidingWindowDetector.detect(small, GRAY_28, SlidingWindowDetectorTest::framing,
                settings(4, false, 0.5))).hasMessageContaining("larger than the image");
        assertThatThrownBy(() -> settings(0, false, 0.5)).hasMessageContaining("step must be >= 1");
        assertThatThrownBy(() -> settings(4, false, Double.NaN)).hasMessageContaining("minScore and nmsIou");
        assertThatThrownBy(() -> new SlidingWindowDetector.Settings(28, 28, 4, 1.0, 28, 0.5, 0.3, false, false, Set.of(),
                8, 0, 10)).hasMessageContaining("scale must be > 1");
        assertThatThrownBy(() -> new SlidingWindowDetector.Settings(28, 28, 4, 1.5, 20, 0.5, 0.3, false, false, Set.of(),
                8, 0, 10)).hasMessageContaining("below the window");
        BufferedImage big = scene(1024, 768, new int[][]{});
        assertThatThrownBy(() -> SlidingWindowDetector.detect(big, GRAY_28, SlidingWindowDetectorTest::framing,
                new SlidingWindowDetector.Settings(28, 28, 1, 1.5, 28, 0.5, 0.3, false, false, Set.of(0), 8, 0, 1000)))
                .isInstanceOf(SlidingWindowDetector.TooManyWindowsException.class)
                .hasMessageContaining("above the limit of 1000");
    }

    private static void assertBox(Box box, double x1, double y1, double x2, double y2) {
        assertThat(box.x1()).isCloseTo(x1, offset(1e-9));
        assertThat(box.y1()).isCloseTo(y1, offset(1e-9));
        assertThat(box.x2()).isCloseTo(x2, offset(1e-9));
        assertThat(box.y2()).isCloseTo(y2, offset(1e-9));
    }
}
