package io.ocellus.bench;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Random RGB PNGs, made before timing starts. */
final class PngFiles {

    private PngFiles() {
    }

    static List<byte[]> random(int count, int size) throws IOException {
        List<byte[]> files = new ArrayList<>(count);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; n < count; n++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    image.setRGB(x, y, random.nextInt());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            files.add(out.toByteArray());
        }
        return files;
    }
}
