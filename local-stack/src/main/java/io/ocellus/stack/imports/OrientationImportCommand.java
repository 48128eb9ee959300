package io.ocellus.stack.imports;

import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "orientation", mixinStandardHelpOptions = true,
        description = {
            "Makes an orientation data set from a data set already in the store: up to --per-split images of each "
                    + "of its splits, every label represented, each uploaded four times, turned 0, 90, 180 and 270 "
                    + "degrees clockwise and labelled with the angle.",
            "Train an orientation classifier on it (samples/orientation-fashion-mnist.yaml), then ./ocellus orient "
                    + "FILE sets an image upright."})
public final class OrientationImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The data set to turn, e.g. fashion-mnist.")
    String source;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Name of the new data set (default: SOURCE-orientation).")
    String dataset;

    @Option(names = "--per-split", paramLabel = "N", defaultValue = "1000",
            description = "Source images per split, each uploaded four times (default: ${DEFAULT-VALUE}).")
    int perSplit;

    @Mixin
    IngestOptions ingest;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws Exception {
        ImportRun.requireSafeDataset(source);
        String name = dataset == null ? source + "-orientation" : dataset;
        ImportRun.requireSafeDataset(name);
        if (perSplit < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--per-split must be at least 1, got " + perSplit);
        }
        StackLayout layout = StackLayout.resolve(ingest.stateDir);
        RotatedDataset rotated = new RotatedDataset(StackStore.client(layout, "import orientation"), source, perSplit);
        return new ImportRun(ingest, batch, System.out, System.err).run(name, rotated);
    }
}
