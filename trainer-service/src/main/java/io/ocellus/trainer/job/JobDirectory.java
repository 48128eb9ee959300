package io.ocellus.trainer.job;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Finds a job wherever it runs. When several trainers share the work, a request reaches any of them: a job this
 * trainer does not hold is read from the journal (where its trainer keeps its status and history), and a cancel
 * for it is left there for its trainer to act on.
 */
@ApplicationScoped
public class JobDirectory {

    private final TrainingJobs jobs;
    private final JobJournal journal;

    public JobDirectory(TrainingJobs jobs, JobJournal journal) {
        this.jobs = jobs;
        this.journal = journal;
    }

    /** The job as this trainer holds it, else as the journal last recorded it. */
    public Optional<JobState> find(String jobId) {
        Optional<JobState> here = jobs.find(jobId);
        if (here.isPresent()) {
            return here;
        }
        return journal.find(jobId).map(entry -> {
            JobState recorded = new JobState(entry.request(), entry.recoveries());
            recorded.status(entry.status(), entry.reason());
            journal.history(jobId).forEach(recorded::epoch);
            return recorded;
        });
    }

    /**
     * Asks the job to stop: at once when it runs here, else through the journal, for the trainer that runs it.
     * Empty when no trainer knows the job.
     */
    public Optional<JobState> cancel(String jobId, String reason) {
        Optional<JobState> here = jobs.cancel(jobId, reason);
        if (here.isPresent()) {
            return here;
        }
        Optional<JobState> recorded = find(jobId);
        recorded.filter(state -> !state.status().isTerminal())
                .ifPresent(state -> journal.requestCancel(jobId, reason));
        return recorded;
    }
}
