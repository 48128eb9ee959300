package io.ocellus.trainer.job;

import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.arithmetic.ArithmeticGuard;
import io.ocellus.trainer.data.DatasetUnusableException;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.engine.EngineStartup;
import io.ocellus.trainer.registry.ExportMismatchException;
import io.ocellus.trainer.registry.PublishingFailedException;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.vision.Preprocessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The trainer's job queue: jobs run one at a time, in arrival order, on one worker thread. A job is checked
 * before it queues (FAILED with the reason when it cannot run), then loads its data set, trains, and writes its
 * checkpoints, history, training curve and evaluation to the models bucket as it goes. A job id seen before is
 * ignored, so a redelivered request does not train twice. When several trainers share the requests, the jobs of a
 * model this trainer no longer holds ({@link ModelOwnership}) are released: they stop between two batches and the
 * trainer that now holds the model resumes them from their last checkpoint.
 */
@ApplicationScoped
public class TrainingJobs {

    private static final Logger LOG = Logger.getLogger(TrainingJobs.class);

    private final JobSteps steps;
    private final JobJournal journal;
    private final JobEvents events;
    private final EngineStartup engine;
    private final ArithmeticGuard arithmetic;
    private final ModelOwnership ownership;
    private final CancelRequests cancels;
    private final int maxQueued;
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "training-job");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingJobs(JobSteps steps, JobJournal journal, JobEvents events, EngineStartup engine,
                        ArithmeticGuard arithmetic, ModelOwnership ownership, CancelRequests cancels,
                        @ConfigProperty(name = "ocellus.trainer.max-queued-jobs", defaultValue = "100") int maxQueued) {
        this.steps = steps;
        this.journal = journal;
        this.events = events;
        this.engine = engine;
        this.arithmetic = arithmetic;
        this.ownership = ownership;
        this.cancels = cancels;
        this.maxQueued = maxQueued;
    }

    /** Queues the request; returns false when its job id is already known, here or in the journal. */
    public boolean submit(TrainingRequested request) {
        return submit(request, List.of(), 0);
    }

    /**
     * Queues a job the journal found unfinished, with the epochs it had already done; {@code recoveries} counts
     * the starts that found it so, this one included.
     */
    boolean resubmit(TrainingRequested request, List<EpochMetrics> doneEpochs, int recoveries) {
        return submit(request, doneEpochs, recoveries);
    }

    /**
     * Writes a job accepted over HTTP to the journal as QUEUED before its request is published, so that an
     * accepted job is never lost: if the publish fails, the job is marked FAILED with the reason.
     */
    public void accept(TrainingRequested request) {
        JobIds.check("jobId", request.jobId());
        journal.save(request, TrainingStatus.QUEUED, "accepted, waiting for its request to arrive");
    }

    /** An accepted job whose request could not be published: it will never arrive, so it failed. */
    public void notAnnounced(TrainingRequested request, String reason) {
        journal.save(request, TrainingStatus.FAILED, reason);
    }

    /** Whether the job id is in use, by a job in memory or by one the journal remembers. */
    public boolean known(String jobId) {
        return find(jobId).isPresent() || journal.find(jobId).isPresent();
    }

    private boolean submit(TrainingRequested request, List<EpochMetrics> doneEpochs, int recoveries) {
        try {
            JobIds.check("jobId", request.jobId());
        } catch (InvalidJobException e) {
            // nothing is written to the store under an id that could name another job's folder
            LOG.warnf("training request refused: %s", e.getMessage());
            events.status(request.jobId(), TrainingStatus.FAILED, e.getMessage());
            return true;
        }
        JobState state;
        synchronized (jobs) {
            if (jobs.containsKey(request.jobId())) {
                LOG.infof("job %s is already known (%s); ignoring the repeated request", request.jobId(),
                        jobs.get(request.jobId()).status().value());
                return false;
            }
        }
        if (recoveries == 0) {
            Optional<JobJournal.Entry> journaled = journal.find(request.jobId());
            if (journaled.isPresent() && journaled.get().status().isTerminal()) {
                JobState finished = new JobState(journaled.get().request(), journaled.get().recoveries());
                finished.status(journaled.get().status(), journaled.get().reason());
                synchronized (jobs) {
                    jobs.putIfAbsent(request.jobId(), finished);
                }
                LOG.infof("job %s already ran (%s); ignoring the repeated request", request.jobId(),
                        journaled.get().status().value());
                return false;
            }
        }
        synchronized (jobs) {
            if (jobs.containsKey(request.jobId())) {
                return false;
            }
            state = new JobState(request, recoveries);
            doneEpochs.forEach(state::epoch);
            jobs.put(request.jobId(), state);
        }
        JobSpec spec;
        try {
            spec = JobSpec.from(request);
        } catch (InvalidJobException | IllegalArgumentException e) {
            fail(state, e.getMessage());
            return true;
        }
        long waiting = waiting();
        if (waiting > maxQueued) {
            // the queue lives in memory: an unbounded one is a heap that fills with requests
            fail(state, "not queued: the trainer already has " + (waiting - 1) + " jobs waiting (at most "
                    + maxQueued + ", ocellus.trainer.max-queued-jobs); send it again when some have run");
            return true;
        }
        try {
            journal.save(request, TrainingStatus.QUEUED, null, recoveries);
            events.status(request.jobId(), TrainingStatus.QUEUED, null);
        } catch (RuntimeException e) {
            // not queued after all: forget the job so that a redelivered or re-driven request can queue it
            synchronized (jobs) {
                jobs.remove(request.jobId());
            }
            throw e;
        }
        worker.submit(() -> run(state, spec));
        return true;
    }

    /** Fails a job the journal found unfinished too many times: it is not run again. */
    void giveUp(TrainingRequested request, int recoveries, String reason) {
        JobState state = new JobState(request, recoveries);
        synchronized (jobs) {
            jobs.putIfAbsent(request.jobId(), state);
        }
        fail(state, reason);
    }

    /** Jobs queued and not yet running, this one included. */
    private long waiting() {
        synchronized (jobs) {
            return jobs.values().stream().filter(j -> j.status() == TrainingStatus.QUEUED).count();
        }
    }

    /** Reports a request that broke the event contract as a FAILED job, unless that job id is already known. */
    public void rejectInvalid(String jobId, String reason) {
        synchronized (jobs) {
            if (jobs.containsKey(jobId)) {
                return;
            }
        }
        events.status(jobId, TrainingStatus.FAILED, reason);
    }

    public Optional<JobState> find(String jobId) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(jobId));
        }
    }

    public List<JobState> all() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    /** Asks a queued or running job to stop; it stops between two batches. */
    public Optional<JobState> cancel(String jobId, String reason) {
        Optional<JobState> state = find(jobId);
        state.filter(s -> !s.status().isTerminal()).ifPresent(s -> s.requestCancel(reason));
        return state;
    }

    /**
     * Hands over every unfinished job of the models {@code models} accepts: queued ones at once, the running one
     * when it reaches the end of a batch (or of its publishing), waiting at most {@code wait}. Each stays unfinished
     * in the journal, marked as released, for the trainer that now holds its model. Returns how many.
     */
    public int release(Predicate<String> models, Duration wait) {
        List<JobState> released = new ArrayList<>();
        synchronized (jobs) {
            for (Iterator<JobState> it = jobs.values().iterator(); it.hasNext(); ) {
                JobState state = it.next();
                if (!state.status().isTerminal() && models.test(state.request().effectiveModelName())) {
                    state.release();
                    released.add(state);
                    it.remove();
                }
            }
        }
        for (JobState state : released) {
            if (state.claim()) {
                // not started: it never will be here
                handOver(state, TrainingStatus.QUEUED);
            }
        }
        try {
            CompletableFuture.allOf(released.stream().map(JobState::ended).toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("released jobs did not stop within %d s; they publish nothing now that their models are held "
                    + "elsewhere", wait.toSeconds());
        }
        return released.size();
    }

    /** Leaves a released job unfinished in the journal for the trainer that holds its model now. */
    private void handOver(JobState state, TrainingStatus status) {
        try {
            journal.save(state.request(), status, "handed over to the trainer that holds model "
                    + state.request().effectiveModelName() + " now", state.recoveries(), true);
            LOG.infof("job %s (%s) handed over: another trainer holds model %s now", state.jobId(),
                    status.value(), state.request().effectiveModelName());
        } catch (RuntimeException e) {
            // the journal still says QUEUED or RUNNING: the next holder resumes it as after a crash
            LOG.warnf("job %s: cannot note its hand-over: %s", state.jobId(), e.getMessage());
        } finally {
            state.ended().complete(null);
        }
    }

    private void run(JobState state, JobSpec spec) {
        try {
            runJob(state, spec);
        } finally {
            state.ended().complete(null);
        }
    }

    private void runJob(JobState state, JobSpec spec) {
        String jobId = spec.jobId();
        if (!state.claim()) {
            // handed over while it waited
            return;
        }
        cancels.leftFor(jobId).ifPresent(state::requestCancel);
        if (state.cancelRequested()) {
            finish(state, TrainingStatus.CANCELLED, state.cancelReason("cancelled before it started"), null, spec);
            return;
        }
        Optional<String> wrongArithmetic = arithmetic.verify("before job " + jobId);
        if (wrongArithmetic.isPresent()) {
            fail(state, "not run: " + wrongArithmetic.get());
            return;
        }
        state.status(TrainingStatus.RUNNING, null);
        journal.save(state.request(), TrainingStatus.RUNNING, null, state.recoveries());
        events.status(jobId, TrainingStatus.RUNNING, null);
        try {
            steps.checkBase(spec);
            Preprocessor preprocessor = spec.preprocessor();
            LoadedDataset data = steps.dataset(state, spec, preprocessor);
            BooleanSupplier stop = cancels.watch(state);
            JobSteps.Trained trained = steps.train(state, spec, data, engine.devices(),
                    () -> state.released() || stop.getAsBoolean());
            TrainingOutcome outcome = trained.outcome();
            if (state.released() || !ownership.owns(spec.modelName())) {
                handOver(state, TrainingStatus.RUNNING);
                return;
            }
            if (outcome.test() != null && outcome.test().count() > 0) {
                Evaluation single = Evaluation.of(spec.modelName(), outcome.finalEpoch(), data.classes(),
                        outcome.test());
                Evaluation evaluation = trained.members() == null ? single : single.withMembers(trained.members());
                state.evaluation(evaluation);
                steps.evaluation(jobId, evaluation);
                LOG.infof("job %s: test rank-1 %.4f%s on %d images", jobId, evaluation.rank1(),
                        evaluation.rank5() == null ? "" : String.format(", rank-5 %.4f", evaluation.rank5()),
                        evaluation.testImages());
                if (steps.publishing() && outcome.parameters() != null) {
                    state.model(steps.publish(state, spec, data, trained, evaluation));
                }
            }
            EpochMetrics last = outcome.history().isEmpty() ? null
                    : outcome.history().get(outcome.history().size() - 1);
            String reason = outcome.status() == TrainingStatus.CANCELLED ? state.cancelReason(outcome.reason())
                    : outcome.reason();
            TrainingStatus status = outcome.status();
            if (status == TrainingStatus.DIVERGED) {
                ArithmeticGuard.Diagnosis diagnosis = arithmetic.diagnoseDivergence(jobId);
                reason = reason + "; " + diagnosis.explanation();
                status = diagnosis.arithmetic() ? TrainingStatus.FAILED : status;
            }
            finish(state, status, reason, last, spec);
        } catch (InvalidJobException | DatasetUnusableException | IllegalArgumentException
                 | ExportMismatchException | PublishingFailedException e) {
            fail(state, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s failed", jobId);
            fail(state, "training failed: " + e);
        } catch (OutOfMemoryError e) {
            LOG.errorf("job %s ran out of memory: %s", jobId, e.getMessage());
            fail(state, "out of memory (" + e.getMessage() + "): the batch size or network does not fit "
                    + "the trainer's heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB); use a "
                    + "smaller batch size or input shape, or give the trainer more memory");
        } catch (Error e) {
            LOG.errorf(e, "job %s failed", jobId);
            fail(state, "training failed: " + e);
        }
    }

    private void finish(JobState state, TrainingStatus status, String reason, EpochMetrics last, JobSpec spec) {
        state.status(status, reason);
        journal.save(state.request(), status, reason, state.recoveries());
        events.status(state.jobId(), status, reason, last, spec.totalEpochs());
    }

    private void fail(JobState state, String reason) {
        state.status(TrainingStatus.FAILED, reason);
        events.status(state.jobId(), TrainingStatus.FAILED, reason);
        try {
            journal.save(state.request(), TrainingStatus.FAILED, reason, state.recoveries());
        } catch (RuntimeException e) {
            // the event says FAILED; the journal still says QUEUED or RUNNING, so the next start looks at the job
            // again and counts one more recovery
            LOG.errorf("job %s: cannot journal its failure: %s", state.jobId(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
