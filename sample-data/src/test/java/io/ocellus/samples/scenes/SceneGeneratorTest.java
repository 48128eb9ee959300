package io.ocellus.samples.scenes;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SceneGeneratorTest {

    /** Class k's only item: a bright square of side 10 + 2k in the middle of the 28x28 patch. */
    private static List<List<byte[]>> squares() {
        List<List<byte[]>> classes = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            byte[] item = new byte[784];
            int side = 10 + 2 * k;
            int from = (28 - side) / 2;
            for (int y = from; y < from + side; y++) {
                for (int x = from; x < from + side; x++) {
                    item[y * 28 + x] = (byte) 255;
                }
            }
            classes.add(List.of(item));
        }
        return classes;
    }

    @Test
    void placesItemsApartInsideTheSceneAndDrawsThemInTheirBoxes() {
        SceneGenerator generator = new SceneGenerator(squares(), 7);

        SceneGenerator.Scene scene = generator.scene(200, 150, 5, 1.0, 2.0, new SceneGenerator.Background.Plain());

        assertThat(scene.objects()).hasSize(5);
        for (SceneGenerator.Placed p : scene.objects()) {
            int side = p.x2() - p.x1();
            assertThat(p.y2() - p.y1()).isEqualTo(side);
            assertThat(side).isBetween(28, 56);
            assertThat(p.x1()).isGreaterThanOrEqualTo(0);
            assertThat(p.x2()).isLessThanOrEqualTo(200);
            assertThat(p.y2()).isLessThanOrEqualTo(150);
            // the centre of the box is bright (the item), its corner is the black background
            assertThat(level(scene.image(), (p.x1() + p.x2()) / 2, (p.y1() + p.y2()) / 2)).isGreaterThan(200);
            assertThat(level(scene.image(), p.x1(), p.y1())).isZero();
            for (SceneGenerator.Placed other : scene.objects()) {
                if (other != p) {
                    assertThat(p.overlaps(other, 0)).isFalse();
                }
            }
        }
    }

    @Test
    void noiseAndPhotoBackgroundsAndTheSameSeedGivesTheSameScene() {
        SceneGenerator.Scene noisy = new SceneGenerator(squares(), 1).scene(100, 80, 2, 1.0, 1.2,
                new SceneGenerator.Background.Noise(60));
        SceneGenerator.Scene again = new SceneGenerator(squares(), 1).scene(100, 80, 2, 1.0, 1.2,
                new SceneGenerator.Background.Noise(60));
        assertThat(again.objects()).isEqualTo(noisy.objects());
        long dark = 0;
        for (int x = 0; x < 100; x++) {
            dark += level(noisy.image(), x, 0) <= 60 ? 1 : 0;
        }
        assertThat(dark).isGreaterThan(50);

        BufferedImage photo = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                photo.getRaster().setSample(x, y, 0, 40);
            }
        }
        SceneGenerator.Scene onPhoto = new SceneGenerator(squares(), 2).scene(120, 90, 1, 1.0, 1.0,
                new SceneGenerator.Background.Photo(photo));
        SceneGenerator.Placed p = onPhoto.objects().get(0);
        assertThat(level(onPhoto.image(), p.x1() == 0 ? 119 : 0, p.y1() == 0 ? 89 : 0)).isEqualTo(40);
        assertThatThrownBy(() -> new SceneGenerator(squares(), 3).scene(40, 40, 1, 1.0, 2.0,
                new SceneGenerator.Background.Plain())).hasMessageContaining("do not fit");
    }

    private static int level(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(Math.min(x, image.getWidth() - 1), Math.min(y, image.getHeight() - 1), 0);
    }
}
