package io.ocellus.schema.events;

import java.time.Instant;

/** Someone asked for a model to be trained. Keyed by {@code jobId}. */
public record TrainingRequested(int schemaVersion, String jobId, String dataset, Architecture architecture,
                                InputShape inputShape, HyperParameters hyperParameters, Schedule schedule,
                                Augmentation augmentation, EarlyStopping earlyStopping, TransferSpec transfer,
                                ResumeSpec resume, Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static TrainingRequested of(String jobId, String dataset, Architecture architecture,
                                       InputShape inputShape, HyperParameters hyperParameters, Schedule schedule,
                                       Augmentation augmentation, EarlyStopping earlyStopping,
                                       TransferSpec transfer, ResumeSpec resume, Instant requestedAt) {
        return new TrainingRequested(SCHEMA_VERSION, jobId, dataset, architecture, inputShape, hyperParameters,
                schedule, augmentation, earlyStopping, transfer, resume, requestedAt);
    }
}
