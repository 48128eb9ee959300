package io.ocellus.stack.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = {
            "Imports Fashion-MNIST (60,000 train / 10,000 test images, 28x28 gray, 10 classes) from the IDX files of "
                    + "Debian's dataset-fashion-mnist, installing the package first when it is missing (as root; "
                    + "otherwise prints the command).",
            "Each image is uploaded as an 8-bit grayscale PNG labelled t-shirt-top, trouser, pullover, dress, coat, "
                    + "sandal, shirt, sneaker, bag or ankle-boot; split test = the t10k files."})
public final class FashionMnistImportCommand implements Callable<Integer> {

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "train, test or all (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "Data-set name (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--idx-dir", paramLabel = "DIR",
            description = "Read the IDX files (train-images-idx3-ubyte.gz, …) from DIR instead of the Debian "
                    + "package.")
    Path idxDirectory;

    @Mixin
    IngestOptions ingest;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws Exception {
        ImportRun.requireSplit(split, List.of("train", "test", "all"));
        ImportRun.requireSafeDataset(dataset);
        List<String> splits = split.equals("all") ? List.of("train", "test") : List.of(split);
        FashionMnist source = FashionMnist.locate(splits, idxDirectory, System.err);
        return new ImportRun(ingest, batch, System.out, System.err).run(dataset, source);
    }
}
