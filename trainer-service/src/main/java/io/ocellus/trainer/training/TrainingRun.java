package io.ocellus.trainer.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.optim.Optimizers;
import io.ocellus.trainer.schedule.LearningRateSchedule;
import io.ocellus.trainer.schedule.ScheduleTracker;
import io.ocellus.trainer.schedule.Schedules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Trains one network on an in-memory data set: shuffled mini-batches (augmented when asked), the scheduled
 * learning rate, validation after every epoch, a checkpoint per epoch, early stopping with the best epoch
 * restored, divergence detection, cancellation between batches, and a final score on the test split. Given several
 * devices, each batch is split between them ({@link DataParallelStep}).
 */
public final class TrainingRun {

    private final JobSpec spec;
    private final LoadedDataset data;
    private final List<Device> devices;
    private final BooleanSupplier cancelled;
    private final TrainingListener listener;
    private final Freezing freezing;
    private final IntFunction<Net> netFor;
    private final Evaluator evaluator = new Evaluator();

    public TrainingRun(JobSpec spec, LoadedDataset data, Device device, BooleanSupplier cancelled,
                       TrainingListener listener) {
        this(spec, data, List.of(device), cancelled, listener, null);
    }

    /**
     * Trains on {@code devices}; the first holds the model's own parameters, which checkpoints save.
     * {@code freezing}, when not null, keeps part of the net frozen for some epochs (a fine-tuning job).
     */
    public TrainingRun(JobSpec spec, LoadedDataset data, List<Device> devices, BooleanSupplier cancelled,
                       TrainingListener listener, Freezing freezing) {
        this(spec, data, devices, cancelled, listener, freezing, classes -> spec.architecture().build(
                spec.netOptions(), spec.inputShape().channels(), spec.inputShape().height(), spec.inputShape().width(),
                classes));
    }

    /**
     * Trains a softmax regression on {@code features} (one row of values per image in each split) with the job's
     * batch size, optimizer, schedule, epochs and early stopping: the classifier of a feature-extraction job.
     */
    public static TrainingRun onFeatures(JobSpec spec, LoadedDataset features, List<Device> devices,
                                         BooleanSupplier cancelled, TrainingListener listener) {
        int width = features.train().sampleSize();
        return new TrainingRun(spec, features, devices, cancelled, listener, null,
                classes -> Net.softmaxRegression(width, classes));
    }

    private TrainingRun(JobSpec spec, LoadedDataset data, List<Device> devices, BooleanSupplier cancelled,
                        TrainingListener listener, Freezing freezing, IntFunction<Net> netFor) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device to train on");
        }
        this.spec = spec;
        this.data = data;
        this.devices = List.copyOf(devices);
        this.cancelled = cancelled;
        this.listener = listener;
        this.freezing = freezing;
        this.netFor = netFor;
    }

    /** Trains from fresh weights, or from {@code startParameters} (a checkpoint) when resuming. */
    public TrainingOutcome run(byte[] startParameters) {
        int classes = data.classes().size();
        Engine.getInstance().setRandomSeed((int) spec.seed());
        Net net = netFor.apply(classes);
        Shape sampleShape = net.inputShape();
        ImageSet train = data.train();
        int batchSize = Math.min(spec.batchSize(), train.count());
        int batches = (train.count() + batchSize - 1) / batchSize;
        LearningRateSchedule planned = Schedules.of(spec.schedule(), spec.baseLearningRate(), spec.epochs());
        LearningRateSchedule schedule = freezing == null ? planned : freezing.schedule(planned);
        var optimizer = Optimizers.of(spec.optimizer(), new ScheduleTracker(schedule, batches, spec.firstEpochIndex()),
                spec.momentum(), spec.weightDecay());

        try (Model model = Model.newInstance(spec.modelName(), devices.get(0))) {
            model.setBlock(net.block());
            if (startParameters != null) {
                load(net, model.getNDManager(), startParameters);
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(devices.toArray(Device[]::new));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batchSize).addAll(sampleShape));
                return epochs(trainer, net, sampleShape, classes, batchSize, batches, schedule);
            }
        }
    }

    private TrainingOutcome epochs(Trainer trainer, Net net, Shape sampleShape, int classes, int batchSize,
                                   int batches, LearningRateSchedule schedule) {
        ImageSet train = data.train();
        int size = train.sampleSize();
        // images only: features are not pictures to flip or shift
        Augmenter augmenter = Augmenter.isActive(spec.augmentation()) && sampleShape.dimension() == 3
                ? new Augmenter(spec.augmentation()) : null;
        EarlyStop earlyStop = new EarlyStop(spec.earlyStopping());
        List<EpochMetrics> history = new ArrayList<>();
        float[] batchPixels = new float[batchSize * size];
        float[] image = augmenter != null ? new float[size] : null;
        float[] batchLabels = new float[batchSize];
        int lastEpoch = spec.firstEpochIndex();
        double explosion = Double.NaN;
        for (int e = spec.firstEpochIndex(); e < spec.epochs(); e++) {
            int epoch = e + 1;
            if (freezing != null) {
                freezing.apply(net, e);
            }
            Random random = new Random(spec.seed() * 1_000_003L + e);
            int[] order = shuffled(train.count(), random);
            long started = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                if (cancelled.getAsBoolean()) {
                    return new TrainingOutcome(TrainingStatus.CANCELLED, "cancelled during epoch " + epoch, history,
                            lastEpoch, save(net), null);
                }
                int n = Math.min(batchSize, train.count() - b * batchSize);
                for (int i = 0; i < n; i++) {
                    int index = order[b * batchSize + i];
                    if (augmenter != null) {
                        train.copyImage(index, image, 0);
                        augmenter.apply(image, 0, batchPixels, i * size,
                                (int) sampleShape.get(0), (int) sampleShape.get(1), (int) sampleShape.get(2), random);
                    } else {
                        train.copyImage(index, batchPixels, i * size);
                    }
                    batchLabels[i] = train.labels()[index];
                }
                double[] step = DataParallelStep.step(trainer, devices, devices.size(), batchPixels, batchLabels,
                        n, sampleShape);
                if (Double.isNaN(explosion)) {
                    explosion = explosionThreshold(step[0], classes);
                }
                if (!Double.isFinite(step[0]) || step[0] > explosion) {
                    return new TrainingOutcome(TrainingStatus.DIVERGED, "training loss "
                            + (Double.isFinite(step[0]) ? "exploded to " : "became ") + step[0] + " at epoch " + epoch
                            + ", batch " + (b + 1) + "; lower the learning rate (was "
                            + schedule.rateAtEpoch(e, batches) + ")", history, lastEpoch, null, null);
                }
                lossSum += step[0] * n;
                correct += (long) step[1];
                double seconds = (System.nanoTime() - started) / 1e9;
                listener.onBatch(epoch, b + 1, batches, lossSum / ((long) b * batchSize + n),
                        (double) correct / ((long) b * batchSize + n), (b * batchSize + n) / seconds);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            SplitScore val = evaluator.score(trainer, data.validation(), sampleShape, classes);
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / train.count(), (double) correct / train.count(),
                    val.count() == 0 ? null : val.loss(), val.count() == 0 ? null : val.rank1(), val.rank5(),
                    schedule.rateAtEpoch(e, batches), train.count() / seconds, seconds, phase(e));
            history.add(metrics);
            lastEpoch = epoch;
            if (val.count() > 0 && !Double.isFinite(val.loss())) {
                return new TrainingOutcome(TrainingStatus.DIVERGED, "validation loss became " + val.loss()
                        + " at epoch " + epoch + "; lower the learning rate", history, epoch, null, null);
            }
            byte[] checkpoint = save(net);
            listener.onEpoch(metrics, checkpoint);
            if (earlyStop.observe(metrics, checkpoint)) {
                byte[] best = earlyStop.bestParameters();
                if (earlyStop.restoreBest()) {
                    load(net, trainer.getManager(), best);
                }
                int finalEpoch = earlyStop.restoreBest() ? earlyStop.bestEpoch() : epoch;
                return new TrainingOutcome(TrainingStatus.EARLY_STOPPED, "no " + earlyStop.monitor()
                        + " improvement for " + earlyStop.patience() + " epochs after epoch " + earlyStop.bestEpoch()
                        + (earlyStop.restoreBest() ? "; restored epoch " + earlyStop.bestEpoch() : ""), history,
                        finalEpoch, earlyStop.restoreBest() ? best : checkpoint,
                        evaluator.score(trainer, data.test(), sampleShape, classes));
            }
        }
        return new TrainingOutcome(TrainingStatus.COMPLETED, null, history, lastEpoch, save(net),
                evaluator.score(trainer, data.test(), sampleShape, classes));
    }

    /** The fine-tuning phase of the epoch of index {@code epochIndex}, or null for a job without phases. */
    private String phase(int epochIndex) {
        if (freezing == null) {
            return null;
        }
        return freezing.always() ? "head-only" : freezing.bodyFrozen(epochIndex) ? "warm-up" : "fine-tune";
    }

    /**
     * A loss this far above where training started means the weights are running away: 100 times the first
     * batch's loss, and never below 50 times the loss of a uniform guess (ln of the class count).
     */
    static double explosionThreshold(double firstLoss, int classes) {
        double floor = 50 * Math.log(classes);
        return Double.isFinite(firstLoss) ? Math.max(100 * firstLoss, floor) : floor;
    }

    private static int[] shuffled(int count, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** The net's parameters in DJL's own format, as written to a checkpoint. */
    static byte[] save(Net net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void load(Net net, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.block().loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("the checkpoint does not fit this network: " + e.getMessage(), e);
        }
    }
}
