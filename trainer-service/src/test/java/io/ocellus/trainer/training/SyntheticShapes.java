package io.ocellus.trainer.training;

import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.data.SplitPlan;

import java.util.List;
import java.util.Random;

/** Small gray images of three classes (a bright block top-left, bottom-right or centred) with noise. */
final class SyntheticShapes {

    static final int SIDE = 12;

    private SyntheticShapes() {
    }

    static LoadedDataset dataset(int perClassTrain, int perClassHeldOut, long seed) {
        Random random = new Random(seed);
        return new LoadedDataset("shapes", List.of("top-left", "bottom-right", "centre"),
                images(perClassTrain, random), images(perClassHeldOut, random), images(perClassHeldOut, random),
                new SplitPlan(List.of(), List.of(), List.of(), false, false));
    }

    private static ImageSet images(int perClass, Random random) {
        int count = perClass * 3;
        int size = SIDE * SIDE;
        float[] pixels = new float[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = i % 3;
            labels[i] = label;
            int x0 = label == 0 ? 1 : label == 1 ? 6 : 3;
            int y0 = x0 + random.nextInt(2);
            for (int p = 0; p < size; p++) {
                pixels[i * size + p] = (float) (random.nextDouble() * 0.3);
            }
            for (int y = y0; y < y0 + 5; y++) {
                for (int x = x0; x < x0 + 5; x++) {
                    pixels[i * size + y * SIDE + x] += 0.7f;
                }
            }
        }
        return new ImageSet(count, size, pixels, labels);
    }
}
