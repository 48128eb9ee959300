package io.ocellus.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GrayscalePngTest {

    @Test
    void pixelsSurviveTheRoundTrip() {
        Random random = new Random(42);
        for (int[] size : new int[][] {{28, 28}, {5, 3}, {1, 1}}) {
            byte[] pixels = new byte[size[0] * size[1]];
            random.nextBytes(pixels);
            byte[] png = GrayscalePng.encode(pixels, size[0], size[1]);

            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(GrayscalePng.decode(png)).containsExactly(pixels);
        }
    }

    @Test
    void theSamePixelsGiveTheSameBytes() {
        byte[] pixels = new byte[784];
        new Random(7).nextBytes(pixels);
        assertThat(GrayscalePng.encode(pixels, 28, 28)).isEqualTo(GrayscalePng.encode(pixels.clone(), 28, 28));
    }

    @Test
    void thePixelCountMustMatchTheSize() {
        assertThatThrownBy(() -> GrayscalePng.encode(new byte[10], 3, 3)).hasMessageContaining("10 pixels for 3x3");
    }
}
