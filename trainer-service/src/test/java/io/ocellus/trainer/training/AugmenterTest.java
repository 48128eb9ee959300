package io.ocellus.trainer.training;

import io.ocellus.schema.events.Augmentation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AugmenterTest {

    private static final int H = 5;
    private static final int W = 7;

    @Test
    void noRangesLeaveTheImageAsItIs() {
        float[] image = ramp(2);
        float[] out = new float[image.length];
        new Augmenter(new Augmentation(0.0, 0.0, 0.0, 0.0, 0.0, false)).apply(image, 0, out, 0, 2, H, W, new Random(1));
        assertThat(out).containsExactly(image);
        assertThat(Augmenter.isActive(new Augmentation(null, null, null, null, null, false))).isFalse();
        assertThat(Augmenter.isActive(new Augmentation(null, 0.1, null, null, null, null))).isTrue();
    }

    @Test
    void flipMirrorsEveryChannelOrLeavesItAlone() {
        float[] image = ramp(3);
        Augmenter flip = new Augmenter(new Augmentation(null, null, null, null, null, true));
        Random random = new Random(3);
        int mirrored = 0;
        for (int trial = 0; trial < 20; trial++) {
            float[] out = new float[image.length + 4];
            flip.apply(image, 0, out, 4, 3, H, W, random);
            boolean isMirror = out[4] == image[W - 1];
            mirrored += isMirror ? 1 : 0;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int sourceX = isMirror ? W - 1 - x : x;
                        assertThat(out[4 + c * H * W + y * W + x]).isEqualTo(image[c * H * W + y * W + sourceX]);
                    }
                }
            }
        }
        assertThat(mirrored).as("about half the draws mirror").isBetween(4, 16);
    }

    @Test
    void shiftMovesContentAndKeepsTheShape() {
        // one bright pixel in the middle; a width shift of up to 0.3 x 7 moves it by at most 2.1 pixels sideways
        float[] image = new float[H * W];
        image[2 * W + 3] = 1;
        Augmenter shift = new Augmenter(new Augmentation(null, 0.3, null, null, null, null));
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            float[] out = new float[image.length];
            shift.apply(image, 0, out, 0, 1, H, W, random);
            float total = 0;
            float rowTwo = 0;
            for (int i = 0; i < out.length; i++) {
                total += out[i];
                rowTwo += i / W == 2 ? out[i] : 0;
            }
            assertThat(total).as("bilinear sampling keeps the brightness").isCloseTo(1f, within(1e-4f));
            assertThat(rowTwo).as("a width shift stays in its row").isCloseTo(1f, within(1e-4f));
        }
    }

    @Test
    void aQuarterTurnMovesTheTopMiddleToASideMiddle() {
        int side = 5;
        float[] image = new float[side * side];
        image[2] = 1; // row 0, column 2
        float[] out = new float[image.length];
        Augmenter.warp(new Augmenter.Warp(90, 0, 0, 1, 1, 0, false), image, 0, out, 0, 1, side, side);
        assertThat(out[2 * side + 4] + out[2 * side]).as("the pixel lands mid-left or mid-right")
                .isCloseTo(1f, within(1e-5f));
        assertThat(out[2]).isCloseTo(0f, within(1e-5f));
    }

    @Test
    void zoomAndShearKeepTheCentrePixel() {
        float[] image = new float[5 * 5];
        image[12] = 1;
        float[] out = new float[image.length];
        Augmenter.warp(new Augmenter.Warp(0, 0, 0, 1.5, 0.8, 20, false), image, 0, out, 0, 1, 5, 5);
        assertThat(out[12]).isCloseTo(1f, within(1e-5f));
    }

    private static float[] ramp(int channels) {
        float[] image = new float[channels * H * W];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        return image;
    }
}
