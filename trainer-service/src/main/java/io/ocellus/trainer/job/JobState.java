package io.ocellus.trainer.job;

import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.training.EpochMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the trainer knows of one job while and after it runs; read by the REST API and the CLI. */
public final class JobState {

    private final TrainingRequested request;
    private final List<EpochMetrics> history = new ArrayList<>();
    private TrainingStatus status = TrainingStatus.QUEUED;
    private String reason;
    private BatchProgress batch;
    private Evaluation evaluation;
    private String dataSource;
    private PublishedModel model;
    private volatile boolean cancelRequested;
    private volatile String cancelReason;
    private volatile boolean released;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final int recoveries;

    JobState(TrainingRequested request) {
        this(request, 0);
    }

    /** A job that trainers found unfinished at start {@code recoveries} times and queued again. */
    JobState(TrainingRequested request, int recoveries) {
        this.request = request;
        this.recoveries = recoveries;
    }

    int recoveries() {
        return recoveries;
    }

    public String jobId() {
        return request.jobId();
    }

    public TrainingRequested request() {
        return request;
    }

    synchronized void status(TrainingStatus next, String why) {
        status = next;
        reason = why;
    }

    synchronized void batch(BatchProgress progress) {
        batch = progress;
    }

    synchronized void epoch(EpochMetrics metrics) {
        history.add(metrics);
    }

    synchronized void dataSource(String source) {
        dataSource = source;
    }

    synchronized void evaluation(Evaluation result) {
        evaluation = result;
    }

    synchronized void model(PublishedModel published) {
        model = published;
    }

    void requestCancel(String reason) {
        cancelReason = reason;
        cancelRequested = true;
    }

    /** What the CANCELLED report says: where the job stopped, and why when the canceller said so. */
    String cancelReason(String where) {
        return cancelReason == null || cancelReason.isBlank() ? where : where + ": " + cancelReason;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Another trainer takes the job over: it stops between two batches and is not reported as ended. */
    void release() {
        released = true;
    }

    boolean released() {
        return released;
    }

    /**
     * Claims the job, for the first caller only: the worker that is about to run it, or a hand-over that takes it
     * away before it starts. Whoever loses leaves it alone.
     */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Completes when this trainer is done with the job: it ended, or stopped after being released. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    public synchronized TrainingStatus status() {
        return status;
    }

    public synchronized JobView view() {
        return new JobView(request.jobId(), request.dataset(), request.architecture().value(),
                request.totalEpochs(), status, reason, dataSource, batch, List.copyOf(history),
                evaluation, JobArtifacts.curve(request.jobId()), model);
    }

    /** The model version a job published, and whether it became current (with the policy's reason). */
    public record PublishedModel(String name, int version, String onnxKey, boolean current, String reason) {
    }

    /** Where the running epoch is: for progress bars. */
    public record BatchProgress(int epoch, int batch, int batches, double loss, double accuracy,
                                double imagesPerSecond) {
    }
}
