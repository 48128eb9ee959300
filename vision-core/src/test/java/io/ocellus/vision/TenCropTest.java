package io.ocellus.vision;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenCropTest {

    @Test
    void cornersCentreAndMirrorsOfTheEnlargedImage() {
        // a 28x28 gray ramp: level = x * 9 (0..243), constant down each column
        BufferedImage ramp = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                ramp.getRaster().setSample(x, y, 0, x * 9);
            }
        }

        List<BufferedImage> crops = TenCrop.crops(ramp, 28, 28);

        assertThat(crops).hasSize(10).allSatisfy(crop -> {
            assertThat(crop.getWidth()).isEqualTo(28);
            assertThat(crop.getHeight()).isEqualTo(28);
            assertThat(crop.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        });
        // 28 * 8/7 = 32: left crops start at the ramp's dark end, right crops end at its bright end
        BufferedImage topLeft = crops.get(0);
        BufferedImage topRight = crops.get(2);
        assertThat(topLeft.getRaster().getSample(0, 0, 0)).isLessThan(topRight.getRaster().getSample(0, 0, 0));
        assertThat(topRight.getRaster().getSample(27, 5, 0)).isGreaterThan(topLeft.getRaster().getSample(27, 5, 0));
        // each second crop mirrors the one before it
        for (int i = 0; i < 10; i += 2) {
            for (int x = 0; x < 28; x++) {
                assertThat(crops.get(i + 1).getRaster().getSample(27 - x, 14, 0))
                        .isEqualTo(crops.get(i).getRaster().getSample(x, 14, 0));
            }
        }
        // the centre crop sits between the corners
        int centre = crops.get(8).getRaster().getSample(0, 0, 0);
        assertThat(centre).isBetween(topLeft.getRaster().getSample(0, 0, 0), topRight.getRaster().getSample(0, 0, 0));
    }
}
