package io.ocellus.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.data.SplitPlan;
import io.ocellus.trainer.engine.DjlSetup;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.TrainingListener;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.trainer.training.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "training-throughput", mixinStandardHelpOptions = true,
        description = "Trains LeNet and MiniVGGNet on the same synthetic 28x28 gray images with Ocellus' training "
                + "loop (DJL, PyTorch engine) and with PyTorch itself (Debian python3-torch), same batch size, "
                + "threads and optimizer (SGD + momentum), and prints training images/s side by side as a ratio.")
public final class TrainingThroughputBenchmark implements Callable<Integer> {

    private static final int CLASSES = 10;
    /** Ocellus' training throughput against PyTorch's, same net, batch and threads. */
    static final double GOAL = 0.8;
    private static final int SIDE = 28;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", defaultValue = "1", description = "compute threads on both sides (default "
            + "${DEFAULT-VALUE}: fair on a small box)")
    int threads;

    @Option(names = "--images", defaultValue = "2048", description = "images per epoch (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--epochs", defaultValue = "3", description = "epochs; the best one counts, so the first "
            + "can warm up (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "the Python with torch "
            + "(default ${DEFAULT-VALUE}, Debian's)")
    String python;

    @Option(names = "--torch-script", defaultValue = "bench/src/main/python/torch_train.py")
    Path torchScript;

    @Override
    public Integer call() throws Exception {
        DjlSetup.start(DjlSetup.defaultCacheDir(), threads);
        System.out.printf("training-throughput: %d images of %dx%d, batch %d, %d thread(s), %d epochs (best counts)%n",
                images, SIDE, SIDE, batch, threads, epochs);
        System.out.printf("%-12s %16s %16s %8s%n", "net", "Ocellus img/s", "PyTorch img/s", "ratio");
        BenchResult result = new BenchResult("training-throughput").setting("images", images)
                .setting("batch", batch).setting("threads", threads).setting("epochs", epochs);
        for (Architecture net : List.of(Architecture.LENET, Architecture.MINIVGGNET)) {
            double ocellus = ocellus(net);
            JsonNode torch = torch(net.value());
            double torchRate = torch.path("imagesPerSecond").asDouble();
            System.out.printf("%-12s %16.1f %16.1f %8.2f%n", net.value(), ocellus, torchRate, ocellus / torchRate);
            result.atLeast("training " + net.value() + ", " + SIDE + "x" + SIDE + ", batch " + batch,
                    String.format(Locale.ROOT, "%.0f img/s", ocellus), String.format(Locale.ROOT,
                            "PyTorch %s: %.0f img/s", torch.path("torch").asText(), torchRate),
                    ocellus / torchRate, "x", GOAL);
        }
        System.out.println("goal: ratio >= " + GOAL);
        result.writeIfAsked();
        return 0;
    }

    private double ocellus(Architecture net) {
        Random random = new Random(42);
        int size = SIDE * SIDE;
        float[] pixels = new float[images * size];
        int[] labels = new int[images];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int i = 0; i < images; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            classes.add(String.valueOf(k));
        }
        LoadedDataset data = new LoadedDataset("synthetic", classes, new ImageSet(images, size, pixels, labels),
                ImageSet.empty(size), ImageSet.empty(size), new SplitPlan(List.of(), List.of(), List.of(), false, false));
        JobSpec spec = JobSpec.from(TrainingRequested.of("bench-" + net.value(), "synthetic", net,
                new InputShape(1, SIDE, SIDE), new HyperParameters(epochs, batch, Optimizer.MOMENTUM, 0.01, 0.9, null,
                        42L), null, null, null, null, null, Instant.now()));
        List<EpochMetrics> history = new ArrayList<>();
        TrainingOutcome outcome = new TrainingRun(spec, data, Device.cpu(), () -> false, new TrainingListener() {
            @Override
            public void onBatch(int epoch, int b, int batches, double loss, double accuracy, double rate) {
            }

            @Override
            public void onEpoch(EpochMetrics metrics, byte[] checkpoint) {
                history.add(metrics);
            }
        }).run(null);
        return outcome.history().stream().mapToDouble(EpochMetrics::imagesPerSecond).max().orElseThrow();
    }

    /** The PyTorch side's result line: imagesPerSecond and its torch version. */
    private JsonNode torch(String net) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python, torchScript.toString(), "--net", net, "--batch",
                String.valueOf(batch), "--threads", String.valueOf(threads), "--images", String.valueOf(images),
                "--epochs", String.valueOf(epochs)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the PyTorch side failed; is python3-torch installed (apt-get install "
                    + "python3-torch)? " + output);
        }
        return new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElse("{}"));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainingThroughputBenchmark()).execute(args));
    }
}
