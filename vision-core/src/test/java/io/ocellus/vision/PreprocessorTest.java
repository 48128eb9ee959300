package io.ocellus.vision;

import io.ocellus.schema.events.Preprocessing;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PreprocessorTest {

    @Test
    void grayPngKeepsItsExactLevels() throws Exception {
        BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 1, 2, 127, 128, 255};
        gray.getRaster().setPixels(0, 0, 3, 2, levels);

        float[] values = new Preprocessor(1, Preprocessor.unitScale(3, 2)).apply(png(gray));

        for (int i = 0; i < levels.length; i++) {
            assertThat(values[i]).isCloseTo(levels[i] / 255f, within(1e-7f));
        }
    }

    @Test
    void rgbIsChannelsFirstWithMeanSubtractedThenScaled() {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        rgb.setRGB(1, 0, 0xff8000);
        Preprocessor p = new Preprocessor(3, new Preprocessing(2, 1, false, 0.5, List.of(10.0, 20.0, 30.0)));

        float[] v = p.apply(rgb);

        assertThat(v).containsExactly((0x10 - 10) * 0.5f, (0xff - 10) * 0.5f, (0x20 - 20) * 0.5f,
                (0x80 - 20) * 0.5f, (0x30 - 30) * 0.5f, (0x00 - 30) * 0.5f);
    }

    @Test
    void colourToGrayUsesLuminanceAndGrayToColourRepeats() {
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x648cb4); // 100, 140, 180
        assertThat(new Preprocessor(1, new Preprocessing(1, 1, false, 1, null)).apply(rgb)[0])
                .isCloseTo(0.299f * 100 + 0.587f * 140 + 0.114f * 180, within(1e-3f));
        BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 77);
        assertThat(new Preprocessor(3, new Preprocessing(1, 1, false, 1, null)).apply(gray)).containsExactly(77, 77, 77);
    }

    @Test
    void transparentPixelsBlendOntoBlack() {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80ff0000);
        float[] v = new Preprocessor(3, new Preprocessing(1, 1, false, 1, null)).apply(argb);
        assertThat(v[0]).isCloseTo(255 * 128 / 255f, within(1e-3f));
        assertThat(v[1]).isZero();
    }

    @Test
    void aspectAwareResizeCropsTheCentre() {
        // 6x2: columns 0-1 black, 2-3 white, 4-5 black; a 2x2 aspect-aware target sees only the white middle
        BufferedImage wide = new BufferedImage(6, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 2; y++) {
            for (int x = 2; x < 4; x++) {
                wide.getRaster().setSample(x, y, 0, 255);
            }
        }
        float[] cropped = new Preprocessor(1, new Preprocessing(2, 2, true, 1, null)).apply(wide);
        assertThat(cropped).containsOnly(255f);
        float[] stretched = new Preprocessor(1, new Preprocessing(2, 2, false, 1, null)).apply(wide);
        assertThat(stretched).contains(0f);
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new Preprocessor(2, Preprocessor.unitScale(2, 2))).hasMessageContaining("1 (gray) or 3");
        assertThatThrownBy(() -> new Preprocessor(3, new Preprocessing(2, 2, false, 1, List.of(1.0))))
                .hasMessageContaining("one value per channel");
        assertThatThrownBy(() -> new Preprocessor(1, Preprocessor.unitScale(2, 2)).apply(new byte[]{1, 2, 3}))
                .isInstanceOf(ImageDecoding.ImageDecodeException.class);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
