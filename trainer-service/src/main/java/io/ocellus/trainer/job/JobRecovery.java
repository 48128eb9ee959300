package io.ocellus.trainer.job;

import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.training.EpochMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.OptionalInt;

/**
 * At start-up, picks up the jobs the journal says were queued or running when the trainer last stopped: each
 * resumes from its last checkpoint with its own schedule, or starts again when it had none.
 */
@ApplicationScoped
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    private final JobJournal journal;
    private final TrainingJobs jobs;
    private final boolean enabled;
    private final int maxRecoveries;

    public JobRecovery(JobJournal journal, TrainingJobs jobs,
                       @ConfigProperty(name = "ocellus.trainer.resume-on-start", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "ocellus.trainer.max-recoveries", defaultValue = "3") int maxRecoveries) {
        this.journal = journal;
        this.jobs = jobs;
        this.enabled = enabled;
        this.maxRecoveries = maxRecoveries;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!enabled) {
            return;
        }
        try {
            recover();
        } catch (RuntimeException e) {
            // the store may be down at start-up: the trainer still starts (readiness reports the store), and the
            // unfinished jobs stay in the journal for the next start
            LOG.warnf("could not look for unfinished jobs: %s", e.getMessage());
        }
    }

    /** Queues every unfinished job again; returns how many. */
    public int recover() {
        int resumed = 0;
        for (JobJournal.Entry entry : journal.unfinished()) {
            TrainingRequested request = entry.request();
            if (jobs.find(request.jobId()).isPresent()) {
                continue;
            }
            if (entry.recoveries() >= maxRecoveries) {
                // a job that keeps the trainer from finishing (the kernel's OOM killer, a crash in native code)
                // would otherwise be resumed, and kill the trainer, on every start
                String reason = "the trainer stopped while this job was " + entry.status().value() + " "
                        + (entry.recoveries() + 1) + " times (killed, for example by the out-of-memory killer); not "
                        + "resumed again. Check the trainer's memory limit against the job's data set and batch size";
                LOG.errorf("job %s: %s", request.jobId(), reason);
                jobs.giveUp(request, entry.recoveries() + 1, reason);
                continue;
            }
            OptionalInt last = journal.lastCheckpoint(request.jobId());
            List<EpochMetrics> history = journal.history(request.jobId());
            TrainingRequested again = request;
            int epochs = request.hyperParameters().epochs();
            if (last.isPresent() && Math.min(last.getAsInt(), epochs - 1) >= 1) {
                // a job that stopped after its last epoch but before its evaluation redoes that last epoch
                int epoch = Math.min(last.getAsInt(), epochs - 1);
                again = request.resumedAt(epoch);
                history = history.stream().filter(m -> m.epoch() <= epoch).toList();
                LOG.infof("job %s was %s when the trainer stopped; resuming from its epoch-%d checkpoint",
                        request.jobId(), entry.status().value(), epoch);
            } else {
                history = List.of();
                LOG.infof("job %s was %s when the trainer stopped; starting it again", request.jobId(),
                        entry.status().value());
            }
            jobs.resubmit(again, history, entry.recoveries() + 1);
            resumed++;
        }
        return resumed;
    }
}
