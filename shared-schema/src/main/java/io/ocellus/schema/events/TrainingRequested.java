package io.ocellus.schema.events;

import java.time.Instant;

/**
 * Someone asked for a model to be trained. Keyed by {@code jobId}. {@code modelName} names the trained model
 * (default: the data set and architecture); {@code network} and {@code splits} are optional.
 */
public record TrainingRequested(int schemaVersion, String jobId, String dataset, String modelName,
                                Architecture architecture, NetworkOptions network, InputShape inputShape,
                                Splits splits, HyperParameters hyperParameters, Schedule schedule,
                                Augmentation augmentation, EarlyStopping earlyStopping, TransferSpec transfer,
                                ResumeSpec resume, Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static TrainingRequested of(String jobId, String dataset, Architecture architecture,
                                       InputShape inputShape, HyperParameters hyperParameters, Schedule schedule,
                                       Augmentation augmentation, EarlyStopping earlyStopping,
                                       TransferSpec transfer, ResumeSpec resume, Instant requestedAt) {
        return new TrainingRequested(SCHEMA_VERSION, jobId, dataset, null, architecture, null, inputShape, null,
                hyperParameters, schedule, augmentation, earlyStopping, transfer, resume, requestedAt);
    }

    public TrainingRequested withModelName(String name) {
        return new TrainingRequested(schemaVersion, jobId, dataset, name, architecture, network, inputShape, splits,
                hyperParameters, schedule, augmentation, earlyStopping, transfer, resume, requestedAt);
    }

    public TrainingRequested withNetwork(NetworkOptions options) {
        return new TrainingRequested(schemaVersion, jobId, dataset, modelName, architecture, options, inputShape,
                splits, hyperParameters, schedule, augmentation, earlyStopping, transfer, resume, requestedAt);
    }

    public TrainingRequested withSplits(Splits holdout) {
        return new TrainingRequested(schemaVersion, jobId, dataset, modelName, architecture, network, inputShape,
                holdout, hyperParameters, schedule, augmentation, earlyStopping, transfer, resume, requestedAt);
    }
}
