package io.ocellus.samples.scenes;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorCropsTest {

    @Test
    void positivesShowTheirItemAndBackgroundsMostlyNot() {
        // one class: a bright 16x16 square centred in the patch
        byte[] item = new byte[784];
        for (int y = 6; y < 22; y++) {
            for (int x = 6; x < 22; x++) {
                item[y * 28 + x] = (byte) 255;
            }
        }
        List<List<byte[]>> classes = new ArrayList<>(List.of(List.of(item)));
        DetectorCrops crops = new DetectorCrops(new SceneGenerator(classes, 3), new SceneGenerator.Background.Plain(),
                4);

        List<DetectorCrops.Crop> all = crops.all(40, 60);

        assertThat(all).filteredOn(c -> c.label().equals("0")).hasSize(40)
                .allSatisfy(c -> assertThat(centre(c.pixels())).as("the centre of a positive is the item")
                        .isGreaterThan(150));
        List<DetectorCrops.Crop> backgrounds = all.stream().filter(c -> c.label().equals(DetectorCrops.BACKGROUND))
                .toList();
        assertThat(backgrounds).hasSize(60).allSatisfy(c -> assertThat(c.pixels()).hasSize(784));
        // a background overlaps an item by IoU 0.45 at most, so it never holds a whole centred item
        assertThat(backgrounds).allSatisfy(c -> assertThat(bright(c.pixels())).isLessThan(700));
        assertThat(backgrounds).anySatisfy(c -> assertThat(bright(c.pixels())).as("some touch an item").isPositive());
    }

    @Test
    void overlapOfASquareWithAnItem() {
        SceneGenerator.Placed item = new SceneGenerator.Placed(0, 0, 10, 10, 0);
        assertThat(DetectorCrops.iou(5, 0, 10, item)).isEqualTo(50.0 / 150);
        assertThat(DetectorCrops.iou(20, 20, 10, item)).isZero();
    }

    private static int centre(byte[] pixels) {
        return pixels[14 * 28 + 14] & 0xff;
    }

    private static int bright(byte[] pixels) {
        int n = 0;
        for (byte p : pixels) {
            n += (p & 0xff) > 128 ? 1 : 0;
        }
        return n;
    }
}
