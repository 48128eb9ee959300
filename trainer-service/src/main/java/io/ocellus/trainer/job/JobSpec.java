package io.ocellus.trainer.job;

import io.ocellus.schema.events.Augmentation;
import io.ocellus.schema.events.EarlyStopping;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.events.PreprocessingOptions;
import io.ocellus.schema.events.ResumeSpec;
import io.ocellus.schema.events.Schedule;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TransferMethod;
import io.ocellus.schema.events.TransferSpec;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.trainer.ensemble.EnsemblePlan;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.NetArchitecture;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.trainer.transfer.FeatureExtraction;
import io.ocellus.trainer.transfer.FineTuning;
import io.ocellus.trainer.optim.Optimizers;
import io.ocellus.vision.Preprocessor;

import java.util.List;

/**
 * A training request with every default filled in and every value checked, so that a job fails before it starts
 * with a reason naming the field, rather than deep inside training.
 */
public record JobSpec(String jobId, String modelName, String dataset, NetArchitecture architecture,
                      NetOptions netOptions, InputShape inputShape, Preprocessing preprocessing, int epochs, int batchSize, Optimizer optimizer,
                      double learningRate, double momentum, double weightDecay, long seed, Schedule schedule,
                      Augmentation augmentation, EarlyStopping earlyStopping, double validationFraction,
                      double testFraction, ResumeSpec resume, FineTuning fineTuning,
                      FeatureExtraction featureExtraction, EnsemblePlan ensemble) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final double DEFAULT_TEST_FRACTION = 0.1;
    public static final long DEFAULT_SEED = 42;
    private static final int MAX_EPOCHS = 10_000;
    /** Beyond these a batch or an image does not fit a trainer's memory, whatever the network. */
    static final int MAX_BATCH = 4096;
    static final int MAX_SIDE = 1024;

    public static JobSpec from(TrainingRequested request) {
        JobIds.check("jobId", request.jobId());
        if (request.resume() != null) {
            JobIds.check("resume.jobId", request.resume().jobId());
        }
        HyperParameters hp = request.hyperParameters();
        if (hp.epochs() < 1 || hp.epochs() > MAX_EPOCHS) {
            throw new InvalidJobException("hyperParameters.epochs must be between 1 and " + MAX_EPOCHS + ", got "
                    + hp.epochs());
        }
        if (hp.batchSize() < 1 || hp.batchSize() > MAX_BATCH) {
            throw new InvalidJobException("hyperParameters.batchSize must be between 1 and " + MAX_BATCH + ", got "
                    + hp.batchSize());
        }
        if (!(hp.learningRate() > 0) || !Double.isFinite(hp.learningRate())) {
            throw new InvalidJobException("hyperParameters.learningRate must be > 0, got " + hp.learningRate());
        }
        InputShape shape = request.inputShape();
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new InvalidJobException("inputShape.channels must be 1 (gray) or 3 (RGB), got "
                    + shape.channels());
        }
        NetArchitecture architecture = Architectures.of(request.architecture());
        NetOptions options;
        int minimum;
        try {
            options = NetOptions.defaults().with(request.network());
            minimum = architecture.minimumInputSize(options);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("network: " + e.getMessage());
        }
        if (Math.max(shape.height(), shape.width()) > MAX_SIDE) {
            throw new InvalidJobException("inputShape " + shape.height() + "x" + shape.width() + " is larger than "
                    + MAX_SIDE + "x" + MAX_SIDE + ": train on smaller images (the preprocessor resizes them)");
        }
        long seed = hp.seed() == null ? DEFAULT_SEED : hp.seed();
        EnsemblePlan ensemble = request.ensemble() == null ? null
                : EnsemblePlan.from(request.ensemble(), request.architecture(), seed);
        int smallest = Math.min(shape.height(), shape.width());
        for (NetArchitecture built : ensemble == null ? List.of(architecture) : ensemble.architectures()) {
            int needed = built == architecture ? minimum : minimumInputSize(built, options);
            if (smallest < needed) {
                throw new InvalidJobException("inputShape " + shape.height() + "x" + shape.width() + " is smaller "
                        + "than " + built.name() + " allows: at least " + needed + "x" + needed);
            }
        }
        if (ensemble != null && (request.transfer() != null || request.resume() != null)) {
            throw new InvalidJobException("ensemble: its members train from scratch in one run; a request with an "
                    + "ensemble takes no transfer and no resume");
        }
        double momentum = hp.momentum() == null ? Optimizers.DEFAULT_MOMENTUM : hp.momentum();
        double weightDecay = hp.weightDecay() == null ? 0 : hp.weightDecay();
        if (momentum < 0 || momentum >= 1) {
            throw new InvalidJobException("hyperParameters.momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new InvalidJobException("hyperParameters.weightDecay must be >= 0, got " + weightDecay);
        }
        EarlyStopping stopping = request.earlyStopping();
        if (stopping != null && !stopping.monitor().equals("val_loss") && !stopping.monitor().equals("val_accuracy")) {
            throw new InvalidJobException("earlyStopping.monitor must be val_loss or val_accuracy, got "
                    + stopping.monitor());
        }
        if (stopping != null && stopping.patience() < 0) {
            throw new InvalidJobException("earlyStopping.patience must be >= 0, got " + stopping.patience());
        }
        double validation = request.splits() == null || request.splits().validationFraction() == null
                ? DEFAULT_VALIDATION_FRACTION : request.splits().validationFraction();
        double test = request.splits() == null || request.splits().testFraction() == null
                ? DEFAULT_TEST_FRACTION : request.splits().testFraction();
        if (validation + test >= 0.9) {
            throw new InvalidJobException("splits: validationFraction + testFraction must leave at least 10% of "
                    + "train, got " + validation + " + " + test);
        }
        if (request.resume() != null && request.resume().epoch() < 1) {
            throw new InvalidJobException("resume.epoch must be >= 1: checkpoints are numbered from epoch 1");
        }
        if (request.resume() != null && request.resume().epoch() >= hp.epochs()) {
            throw new InvalidJobException("resume.epoch " + request.resume().epoch() + " leaves nothing to train: "
                    + "hyperParameters.epochs is " + hp.epochs());
        }
        TransferSpec transfer = request.transfer();
        boolean extracting = transfer != null && transfer.effectiveMethod() == TransferMethod.FEATURE_EXTRACTION;
        FineTuning fineTuning = transfer == null || extracting ? null
                : FineTuning.from(transfer, hp.epochs(), hp.learningRate());
        FeatureExtraction featureExtraction = extracting
                ? FeatureExtraction.from(transfer, request.augmentation()) : null;
        String modelName = request.effectiveModelName();
        if (ModelKeys.RESERVED_NAMES.contains(modelName)) {
            throw new InvalidJobException("modelName '" + modelName + "' is reserved: the models bucket uses "
                    + ModelKeys.RESERVED_NAMES + " for other things");
        }
        return new JobSpec(request.jobId(), modelName, request.dataset(), architecture, options, shape,
                preprocessing(request.preprocessing(), shape), hp.epochs(),
                hp.batchSize(), hp.optimizer(), hp.learningRate(), momentum, weightDecay,
                seed, request.schedule(), request.augmentation(), stopping,
                validation, test, request.resume(), fineTuning, featureExtraction, ensemble);
    }

    /** The image preparation the request asks for, checked by the shared preprocessor itself. */
    private static Preprocessing preprocessing(PreprocessingOptions options, InputShape shape) {
        Preprocessing unit = Preprocessor.unitScale(shape.width(), shape.height());
        Preprocessing asked = options == null ? unit : new Preprocessing(shape.width(), shape.height(),
                Boolean.TRUE.equals(options.keepAspect()), options.scale() == null ? unit.scale() : options.scale(),
                options.mean());
        try {
            new Preprocessor(shape.channels(), asked);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("preprocessing: " + e.getMessage());
        }
        return asked;
    }

    private static int minimumInputSize(NetArchitecture architecture, NetOptions options) {
        try {
            return architecture.minimumInputSize(options);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("network: " + e.getMessage());
        }
    }

    /** Member {@code k} of an ensemble job: its architecture and seed, as a job of one net. */
    public JobSpec member(int k) {
        return new JobSpec(jobId, modelName, dataset, ensemble.architectures().get(k), netOptions, inputShape,
                preprocessing, epochs, batchSize, optimizer, learningRate, momentum, weightDecay,
                ensemble.seeds().get(k), schedule, augmentation, earlyStopping, validationFraction, testFraction,
                resume, fineTuning, featureExtraction, null);
    }

    /** The epochs the job trains in all: an ensemble trains each member for {@link #epochs()}. */
    public int totalEpochs() {
        return ensemble == null ? epochs : epochs * ensemble.size();
    }

    /** The shared preprocessor configured for this job; training and serving both use it. */
    public Preprocessor preprocessor() {
        return new Preprocessor(inputShape.channels(), preprocessing);
    }

    /**
     * The 0-based index of the first epoch to train. Epochs are numbered from 1 in events and checkpoints, so
     * resuming from epoch k's checkpoint starts at index k, which is epoch k + 1.
     */
    public int firstEpochIndex() {
        return resume == null ? 0 : resume.epoch();
    }

    /** The learning rate to schedule from: a resumed job's new rate when it names one. */
    public double baseLearningRate() {
        return resume != null && resume.learningRate() != null ? resume.learningRate() : learningRate;
    }
}
