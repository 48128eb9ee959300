package io.ocellus.schema.events;

import java.time.Instant;

/**
 * Someone asked for a model to be trained. Keyed by the model's name ({@link #effectiveModelName()}), so every
 * request for one model lands on one partition, and so with one trainer at a time, in order. {@code modelName}
 * names the trained model (default: the data set and architecture); {@code network}, {@code preprocessing} and
 * {@code splits} are optional. {@code ensemble} trains several nets published as one model.
 */
public record TrainingRequested(int schemaVersion, String jobId, String dataset, String modelName,
                                Architecture architecture, NetworkOptions network, InputShape inputShape,
                                PreprocessingOptions preprocessing, Splits splits, HyperParameters hyperParameters, Schedule schedule,
                                Augmentation augmentation, EarlyStopping earlyStopping, TransferSpec transfer,
                                ResumeSpec resume, Instant requestedAt, EnsembleSpec ensemble) {

    public static final int SCHEMA_VERSION = 1;

    /** A request for one net (no ensemble). */
    public TrainingRequested(int schemaVersion, String jobId, String dataset, String modelName,
                             Architecture architecture, NetworkOptions network, InputShape inputShape,
                             PreprocessingOptions preprocessing, Splits splits, HyperParameters hyperParameters,
                             Schedule schedule, Augmentation augmentation, EarlyStopping earlyStopping,
                             TransferSpec transfer, ResumeSpec resume, Instant requestedAt) {
        this(schemaVersion, jobId, dataset, modelName, architecture, network, inputShape, preprocessing, splits,
                hyperParameters, schedule, augmentation, earlyStopping, transfer, resume, requestedAt, null);
    }

    public static TrainingRequested of(String jobId, String dataset, Architecture architecture,
                                       InputShape inputShape, HyperParameters hyperParameters, Schedule schedule,
                                       Augmentation augmentation, EarlyStopping earlyStopping,
                                       TransferSpec transfer, ResumeSpec resume, Instant requestedAt) {
        return new TrainingRequested(SCHEMA_VERSION, jobId, dataset, null, architecture, null, inputShape, null, null,
                hyperParameters, schedule, augmentation, earlyStopping, transfer, resume, requestedAt);
    }

    /** The name the trained model is published under: {@code modelName}, else {@code <dataset>-<architecture>}. */
    public String effectiveModelName() {
        if (modelName != null) {
            return modelName;
        }
        return dataset + "-" + (architecture == null ? null : architecture.value());
    }

    /** The epochs the job trains in all: an ensemble trains each of its members for {@code epochs}. */
    public int totalEpochs() {
        int epochs = hyperParameters.epochs();
        if (ensemble == null) {
            return epochs;
        }
        int members = ensemble.members() != null ? ensemble.members()
                : ensemble.architectures() == null ? 1 : ensemble.architectures().size();
        return epochs * Math.max(1, members);
    }

    public TrainingRequested withModelName(String name) {
        return new TrainingRequested(schemaVersion, jobId, dataset, name, architecture, network, inputShape,
                preprocessing, splits, hyperParameters, schedule, augmentation, earlyStopping, transfer, resume,
                requestedAt, ensemble);
    }

    public TrainingRequested withNetwork(NetworkOptions options) {
        return new TrainingRequested(schemaVersion, jobId, dataset, modelName, architecture, options, inputShape,
                preprocessing, splits, hyperParameters, schedule, augmentation, earlyStopping, transfer, resume,
                requestedAt, ensemble);
    }

    public TrainingRequested withPreprocessing(PreprocessingOptions options) {
        return new TrainingRequested(schemaVersion, jobId, dataset, modelName, architecture, network, inputShape,
                options, splits, hyperParameters, schedule, augmentation, earlyStopping, transfer, resume,
                requestedAt, ensemble);
    }

    /** The same request resumed from its own checkpoint at {@code epoch}, as after a trainer restart. */
    public TrainingRequested resumedAt(int epoch) {
        return new TrainingRequested(schemaVersion, jobId, dataset, modelName, architecture, network, inputShape,
                preprocessing, splits, hyperParameters, schedule, augmentation, earlyStopping, transfer,
                new ResumeSpec(jobId, epoch, null), requestedAt, ensemble);
    }

    public TrainingRequested withSplits(Splits holdout) {
        return new TrainingRequested(schemaVersion, jobId, dataset, modelName, architecture, network, inputShape,
                preprocessing, holdout, hyperParameters, schedule, augmentation, earlyStopping, transfer, resume,
                requestedAt, ensemble);
    }
}
