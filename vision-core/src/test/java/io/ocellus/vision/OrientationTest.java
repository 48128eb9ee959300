package io.ocellus.vision;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrientationTest {

    /** A 3-wide, 2-high gray image whose pixels are 10..60, row after row. */
    private static BufferedImage sample() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                image.getRaster().setSample(x, y, 0, 10 * (1 + x + 3 * y));
            }
        }
        return image;
    }

    private static int[][] pixels(BufferedImage image) {
        int[][] rows = new int[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                rows[y][x] = image.getRaster().getSample(x, y, 0);
            }
        }
        return rows;
    }

    @Test
    void aQuarterTurnIsClockwise() {
        // 10 20 30        40 10
        // 40 50 60   ->   50 20
        //                 60 30
        assertThat(pixels(Orientation.rotated(sample(), 90))).isEqualTo(new int[][]{{40, 10}, {50, 20}, {60, 30}});
        assertThat(pixels(Orientation.rotated(sample(), 180))).isEqualTo(new int[][]{{60, 50, 40}, {30, 20, 10}});
        assertThat(pixels(Orientation.rotated(sample(), 270))).isEqualTo(new int[][]{{30, 60}, {20, 50}, {10, 40}});
        assertThat(Orientation.rotated(sample(), 90).getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void correctingAnImageTurnedByEachAngleSetsItUpright() {
        for (int angle : Orientation.ANGLES) {
            assertThat(pixels(Orientation.corrected(Orientation.rotated(sample(), angle), angle)))
                    .as("turned %d degrees", angle).isEqualTo(pixels(sample()));
        }
    }

    @Test
    void onlyTheFourAnglesAreLabels() {
        assertThat(Orientation.angleOf("270")).isEqualTo(270);
        assertThatThrownBy(() -> Orientation.angleOf("45")).hasMessageContaining("not an orientation label");
        assertThatThrownBy(() -> Orientation.angleOf("cat")).hasMessageContaining("[0, 90, 180, 270]");
        assertThatThrownBy(() -> Orientation.rotated(sample(), 45)).hasMessageContaining("quarter turns");
    }
}
