package io.ocellus.monitor.domain;

import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The history of one job, built from events that may arrive twice or out of order (a redelivery, a resumed job
 * replaying its epochs, a request read after its first progress): epochs are keyed by number so a duplicate
 * replaces itself, and a status only moves forward — a terminal status is never undone by a late RUNNING.
 * Not thread-safe: {@link TrainingHistory} serializes access.
 */
final class JobHistory {

    private final String jobId;
    private final TreeMap<Integer, EpochPoint> epochs = new TreeMap<>();
    private String dataset;
    private String modelName;
    private String architecture;
    private Integer totalEpochs;
    private TrainingStatus status;
    private String reason;
    private Instant statusAt;
    private Instant requestedAt;
    private Instant updatedAt;

    JobHistory(String jobId) {
        this.jobId = jobId;
    }

    /** Records the request; returns whether anything changed. */
    boolean apply(TrainingRequested request) {
        boolean changed = !Objects.equals(dataset, request.dataset())
                || !Objects.equals(modelName, request.modelName())
                || !Objects.equals(architecture, request.architecture().value())
                || !Objects.equals(requestedAt, request.requestedAt());
        dataset = request.dataset();
        modelName = request.modelName();
        architecture = request.architecture().value();
        requestedAt = request.requestedAt();
        if (totalEpochs == null && request.hyperParameters() != null) {
            totalEpochs = request.totalEpochs();
        }
        if (status == null) {
            status = TrainingStatus.QUEUED;
            statusAt = request.requestedAt();
            changed = true;
        }
        touch(request.requestedAt());
        return changed;
    }

    /** Records a progress event; returns whether anything changed (false for an exact duplicate). */
    boolean apply(TrainingProgress progress) {
        boolean changed = false;
        if (progress.totalEpochs() != null && !progress.totalEpochs().equals(totalEpochs)) {
            totalEpochs = progress.totalEpochs();
            changed = true;
        }
        if (progress.epoch() != null && progress.trainLoss() != null) {
            EpochPoint point = new EpochPoint(progress.epoch(), progress.trainLoss(), progress.valLoss(),
                    progress.trainAccuracy(), progress.valAccuracy(), progress.valRank5(), progress.learningRate(),
                    progress.imagesPerSecond(), progress.at(), progress.phase());
            EpochPoint before = epochs.get(point.epoch());
            // a resumed job reports an epoch again: the newer report wins, an older one arriving late does not
            if (before == null || (!before.equals(point) && !point.at().isBefore(before.at()))) {
                epochs.put(point.epoch(), point);
                changed = true;
            }
        }
        if (movesStatus(progress.status(), progress.at())) {
            changed |= progress.status() != status || !Objects.equals(reason, progress.reason());
            status = progress.status();
            reason = progress.reason();
            statusAt = progress.at();
        }
        touch(progress.at());
        return changed;
    }

    private boolean movesStatus(TrainingStatus next, Instant at) {
        if (status == null) {
            return true;
        }
        if (status.isTerminal() != next.isTerminal()) {
            return next.isTerminal();
        }
        if (status == TrainingStatus.QUEUED && next == TrainingStatus.RUNNING) {
            return true;
        }
        if (status == TrainingStatus.RUNNING && next == TrainingStatus.QUEUED) {
            return false;
        }
        return !at.isBefore(statusAt);
    }

    private void touch(Instant at) {
        if (at != null && (updatedAt == null || at.isAfter(updatedAt))) {
            updatedAt = at;
        }
    }

    Instant updatedAt() {
        return updatedAt == null ? Instant.EPOCH : updatedAt;
    }

    JobView view() {
        return new JobView(jobId, dataset, modelName, architecture, totalEpochs, status, reason, requestedAt,
                updatedAt, new ArrayList<>(epochs.values()));
    }
}
