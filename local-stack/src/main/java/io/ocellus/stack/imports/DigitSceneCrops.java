package io.ocellus.stack.imports;

import io.ocellus.samples.GrayscalePng;
import io.ocellus.samples.MnistPackage;
import io.ocellus.samples.scenes.DetectorCrops;
import io.ocellus.samples.scenes.SceneGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Training data for a digit detector: crops of generated scenes of real MNIST digits on noise, 28x28 PNGs
 * labelled with their digit, and crops showing no whole digit labelled {@code background} (see
 * {@link DetectorCrops}); all in split train, the trainer holds out validation and test.
 */
public final class DigitSceneCrops implements SampleSource {

    private final Path tarball;
    private final int positives;
    private final int backgrounds;
    private final int noise;
    private final long seed;

    public DigitSceneCrops(Path tarball, int positives, int backgrounds, int noise, long seed) {
        this.tarball = tarball;
        this.positives = positives;
        this.backgrounds = backgrounds;
        this.noise = noise;
        this.seed = seed;
    }

    @Override
    public long expectedCount() {
        return (long) positives + backgrounds;
    }

    @Override
    public String describe() {
        return "digit scene crops (" + positives + " digits, " + backgrounds + " backgrounds, noise " + noise
                + ", seed " + seed + ")";
    }

    @Override
    public void emit(Sink sink) throws IOException, InterruptedException {
        List<List<byte[]>> digits = MnistPackage.readDigits(tarball);
        DetectorCrops crops = new DetectorCrops(new SceneGenerator(digits, seed),
                new SceneGenerator.Background.Noise(noise), seed + 1);
        int index = 0;
        for (DetectorCrops.Crop crop : crops.all(positives, backgrounds)) {
            byte[] png = GrayscalePng.encode(crop.pixels(), 28, 28);
            String name = "crop-" + crop.label() + "-" + String.format(Locale.ROOT, "%05d", index++) + ".png";
            if (!sink.accept(Sample.ofBytes("train", crop.label(), name, "image/png", png))) {
                return;
            }
        }
    }
}
