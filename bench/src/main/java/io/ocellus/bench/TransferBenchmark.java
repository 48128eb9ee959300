package io.ocellus.bench;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ocellus.schema.events.Activation;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.NetworkOptions;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TransferSpec;
import io.ocellus.schema.events.WeightInit;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.engine.DjlSetup;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.Freezing;
import io.ocellus.trainer.training.TrainingListener;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.trainer.training.TrainingRun;
import io.ocellus.trainer.transfer.FeatureExtractor;
import io.ocellus.trainer.transfer.TransferStart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Fine-tuning and feature extraction against training from scratch, side by side: MiniVGGNet "
                + "trained on Fashion-MNIST is the base; the target is 2,000 MNIST training digits; every net is "
                + "scored on the same 2,000 held-out digits. Then the orientation case study: which way Fashion-MNIST "
                + "images are turned, by feature extraction from the same base, scored on held-out test images.")
public final class TransferBenchmark implements Callable<Integer> {

    private static final NetworkOptions MINIVGG = new NetworkOptions(Activation.RELU, null,
            BatchNormPlacement.AFTER_ACTIVATION, WeightInit.HE, 0.5, null, null, null, null);

    @Option(names = "--base-images", defaultValue = "20000", description = "Fashion-MNIST images the base trains on")
    int baseImages;

    @Option(names = "--base-epochs", defaultValue = "4", description = "epochs of the base")
    int baseEpochs;

    @Option(names = "--target-per-digit", defaultValue = "200", description = "MNIST training digits per class")
    int targetPerDigit;

    @Option(names = "--target-epochs", defaultValue = "15", description = "epochs of each target run")
    int targetEpochs;

    @Option(names = "--fine-tune-rate", defaultValue = "0.001",
            description = "learning rate once the base's layers train (the head warms up at 0.01)")
    double fineTuneRate;

    @Option(names = "--feature-epochs", defaultValue = "30",
            description = "epochs of the softmax classifier on the base's features")
    int featureEpochs;

    @Option(names = "--orientation-images", defaultValue = "2000",
            description = "Fashion-MNIST images (past the base's) the orientation classifier trains on, each turned "
                    + "four ways; it is tested on as many test images")
    int orientationImages;

    @Mixin
    TrainingBenchOptions data;

    @Override
    public Integer call() throws Exception {
        DjlSetup.start(DjlSetup.defaultCacheDir(), data.threads);
        LoadedDataset fashion = BenchDatasets.fashion(data.fashionMnist, baseImages);
        LoadedDataset digits = BenchDatasets.mnist(data.cache, targetPerDigit);

        long started = System.nanoTime();
        JobSpec baseSpec = spec("fashion-base", baseEpochs, null);
        TrainingOutcome base = train("base: MiniVGGNet on " + fashion.train().count() + " Fashion-MNIST images",
                baseSpec, fashion, null, null);
        double baseSeconds = seconds(started);

        started = System.nanoTime();
        TrainingOutcome scratch = train("from scratch on " + digits.train().count() + " MNIST digits",
                spec("digits-scratch", targetEpochs, null), digits, null, null);
        double scratchSeconds = seconds(started);

        started = System.nanoTime();
        JobSpec tuneSpec = spec("digits-fine-tuned", targetEpochs,
                new TransferSpec("fashion-base", null, false, targetEpochs / 3, fineTuneRate));
        TrainingOutcome tuned;
        try (NDManager manager = NDManager.newBaseManager()) {
            TransferStart.Start start = TransferStart.startFrom(trained(baseSpec, base, manager),
                    "the Fashion-MNIST base", tuneSpec, 10, manager);
            tuned = train("fine-tuned on " + digits.train().count() + " MNIST digits", tuneSpec, digits,
                    start.parameters(), start.freezing());
        }
        double tunedSeconds = seconds(started);

        started = System.nanoTime();
        JobSpec featureSpec = JobSpec.from(request("digits-features", TransferSpec.featureExtraction("fashion-base",
                null, null), new HyperParameters(featureEpochs, 128, Optimizer.ADAM, 0.001, null, 1e-4, 42L)));
        TrainingOutcome extracted;
        int featureWidth;
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureExtractor.Extracted features = FeatureExtractor.extractFrom(trained(baseSpec, base, manager),
                    "the Fashion-MNIST base", featureSpec, digits, manager);
            featureWidth = features.width();
            extracted = TrainingRun.onFeatures(featureSpec, features.features(), List.of(Device.cpu()), () -> false,
                    printer()).run(null);
        }
        double extractedSeconds = seconds(started);

        started = System.nanoTime();
        LoadedDataset turned = BenchDatasets.fashionOrientation(data.fashionMnist, baseImages, orientationImages,
                orientationImages);
        JobSpec orientationSpec = JobSpec.from(request("orientation", TransferSpec.featureExtraction("fashion-base",
                null, null), new HyperParameters(featureEpochs, 128, Optimizer.ADAM, 0.001, null, 1e-4, 42L)));
        TrainingOutcome orientation;
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureExtractor.Extracted features = FeatureExtractor.extractFrom(trained(baseSpec, base, manager),
                    "the Fashion-MNIST base", orientationSpec, turned, manager);
            System.out.printf("orientation: %d train, %d test images (each of %d turned 0, 90, 180, 270 degrees)%n",
                    turned.train().count(), turned.test().count(), orientationImages);
            orientation = TrainingRun.onFeatures(orientationSpec, features.features(), List.of(Device.cpu()),
                    () -> false, printer()).run(null);
        }
        double orientationSeconds = seconds(started);

        double scratchRank1 = scratch.test().rank1();
        double extractedRank1 = extracted.test().rank1();
        double tunedRank1 = tuned.test().rank1();
        System.out.println();
        System.out.printf(Locale.ROOT, "base (Fashion-MNIST test rank-1)   %.4f  %d images x %d epochs, %.0f s%n",
                base.test().rank1(), fashion.train().count(), baseEpochs, baseSeconds);
        System.out.printf(Locale.ROOT, "MNIST hold-out rank-1, from scratch %.4f  %d epochs, %.0f s%n", scratchRank1,
                targetEpochs, scratchSeconds);
        System.out.printf(Locale.ROOT, "MNIST hold-out rank-1, fine-tuned   %.4f  %d epochs (%d warm-up, then %s), "
                + "%.0f s%n", tunedRank1, targetEpochs, targetEpochs / 3, fineTuneRate, tunedSeconds);
        System.out.printf(Locale.ROOT, "MNIST hold-out rank-1, features     %.4f  %d per image, softmax classifier %d "
                + "epochs, %.0f s%n", extractedRank1, featureWidth, featureEpochs, extractedSeconds);
        System.out.printf(Locale.ROOT, "fine-tuned / from scratch            %.3f  (%d held-out digits)%n",
                tunedRank1 / scratchRank1, digits.test().count());
        System.out.printf(Locale.ROOT, "features / from scratch              %.3f  (%d held-out digits)%n",
                extractedRank1 / scratchRank1, digits.test().count());
        System.out.printf(Locale.ROOT, "orientation, held-out accuracy       %.4f  (%d held-out turned images, chance "
                + "0.25; by feature extraction, %.0f s)%n", orientation.test().rank1(), turned.test().count(),
                orientationSeconds);
        return 0;
    }

    /** MiniVGGNet as the Fashion-MNIST sample configures it, with momentum SGD and no augmentation. */
    private static JobSpec spec(String name, int epochs, TransferSpec transfer) {
        return JobSpec.from(request(name, transfer, new HyperParameters(epochs, 64, Optimizer.MOMENTUM, 0.01, 0.9,
                5e-4, 42L)));
    }

    private static TrainingRequested request(String name, TransferSpec transfer, HyperParameters hyperParameters) {
        return new TrainingRequested(TrainingRequested.SCHEMA_VERSION, "transfer-" + name, name, name,
                Architecture.MINIVGGNET, MINIVGG, new InputShape(1, 28, 28), null, null, hyperParameters, null, null,
                null, transfer, null, Instant.now());
    }

    private static TrainingOutcome train(String title, JobSpec spec, LoadedDataset data, byte[] start,
                                         Freezing freezing) {
        System.out.printf("%s: %d epochs%n", title, spec.epochs());
        return new TrainingRun(spec, data, List.of(Device.cpu()), () -> false, printer(), freezing).run(start);
    }

    /** Prints each epoch's metrics. */
    private static TrainingListener printer() {
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double speed) {
            }

            @Override
            public void onEpoch(EpochMetrics m, byte[] checkpoint) {
                System.out.printf(Locale.ROOT, "  epoch %d %s loss %.4f  acc %.4f  val_acc %.4f  %.0f img/s%n",
                        m.epoch(), m.phase() == null ? "" : "(" + m.phase() + ")", m.trainLoss(), m.trainAccuracy(),
                        m.valAccuracy(), m.imagesPerSecond());
            }
        };
    }

    /** The base's net with its trained weights, as a published model would load. */
    private static Net trained(JobSpec spec, TrainingOutcome outcome, NDManager manager)
            throws IOException, MalformedModelException {
        Net net = spec.architecture().build(spec.netOptions(), 1, 28, 28, 10);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(outcome.parameters()))) {
            net.block().loadParameters(manager, in);
        }
        return net;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TransferBenchmark()).execute(args));
    }
}
