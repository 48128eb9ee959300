package io.ocellus.vision.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PyramidAndWindowsTest {

    @ParameterizedTest(name = "{0}x{1} scale {2} min {3}x{4}")
    @CsvSource({"1024, 768, 1.5, 28, 28", "640, 480, 1.25, 64, 64", "300, 200, 1.1, 28, 28", "28, 28, 1.5, 28, 28",
            "100, 1000, 1.3, 20, 40", "27, 80, 1.5, 28, 28"})
    void levelSizesAndCountHaveTheirClosedForm(int width, int height, double scale, int minW, int minH) {
        List<ImagePyramid.Level> levels = ImagePyramid.levels(width, height, scale, minW, minH);

        // floor(n / s^i) >= m  <=>  n / s^i >= m  <=>  i <= log(n / m) / log(s)
        double limit = Math.min((double) width / minW, (double) height / minH);
        int expected = limit < 1 ? 0 : (int) Math.floor(Math.log(limit) / Math.log(scale)) + 1;
        assertThat(levels).hasSize(expected);
        for (ImagePyramid.Level level : levels) {
            assertThat(level.width()).isEqualTo((int) Math.floor(width / Math.pow(scale, level.index())));
            assertThat(level.height()).isEqualTo((int) Math.floor(height / Math.pow(scale, level.index())));
            assertThat(level.toOriginalX()).isEqualTo((double) width / level.width());
            assertThat(level.toOriginalY()).isEqualTo((double) height / level.height());
        }
    }

    @ParameterizedTest(name = "{0}x{1} window {2}x{3} step {4}")
    @CsvSource({"1024, 768, 28, 28, 4", "100, 60, 28, 28, 8", "28, 28, 28, 28, 1", "27, 100, 28, 28, 4",
            "64, 64, 16, 32, 5"})
    void windowCountsHaveTheirClosedForm(int width, int height, int w, int h, int step) {
        List<SlidingWindows.Position> positions = SlidingWindows.positions(width, height, w, h, step);

        int across = w > width ? 0 : (width - w) / step + 1;
        int down = h > height ? 0 : (height - h) / step + 1;
        assertThat(positions).hasSize(across * down);
        assertThat(SlidingWindows.count(width, height, w, h, step)).isEqualTo(across * down);
        assertThat(positions).allSatisfy(p -> {
            assertThat(p.x() % step).isZero();
            assertThat(p.x() + w).isLessThanOrEqualTo(width);
            assertThat(p.y() + h).isLessThanOrEqualTo(height);
        }).doesNotHaveDuplicates();
    }

    @Test
    void renderedLevelsHaveTheirSizeAndBadParametersAreRefused() {
        BufferedImage image = new BufferedImage(90, 60, BufferedImage.TYPE_BYTE_GRAY);
        List<ImagePyramid.Level> levels = ImagePyramid.levels(90, 60, 1.5, 28, 28);
        for (ImagePyramid.Level level : levels) {
            BufferedImage rendered = ImagePyramid.render(image, level);
            assertThat(rendered.getWidth()).isEqualTo(level.width());
            assertThat(rendered.getHeight()).isEqualTo(level.height());
            assertThat(rendered.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        }
        assertThatThrownBy(() -> ImagePyramid.levels(90, 60, 1.0, 28, 28)).hasMessageContaining("> 1");
        assertThatThrownBy(() -> SlidingWindows.count(90, 60, 28, 28, 0)).hasMessageContaining(">= 1");
    }
}
