package io.ocellus.bench;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the training benchmarks find their data sets, and how many threads PyTorch gets. */
final class TrainingBenchOptions {

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads; 0 lets PyTorch decide")
    int threads;

    @Option(names = "--cache", defaultValue = "${user.home}/.cache/ocellus", description = "npm download cache")
    Path cache;

    @Option(names = "--fashion-mnist", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "folder of the Fashion-MNIST IDX files (Debian dataset-fashion-mnist)")
    Path fashionMnist;
}
