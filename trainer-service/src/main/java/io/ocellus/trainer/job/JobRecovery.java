package io.ocellus.trainer.job;

import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.training.EpochMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Picks up the jobs the journal says are queued or running when this trainer comes to hold their models' requests
 * ({@link ModelOwnership}): at start, a trainer alone holds them all; among several, each takes the jobs of the
 * models it is given. Each job resumes from its last checkpoint with its own schedule, or starts again when it had
 * none. A job found RUNNING that no trainer handed over was running when its trainer died, which counts as a
 * recovery; after {@code ocellus.trainer.max-recoveries} of them it fails instead.
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

    /** Queues the unfinished jobs of the models {@code models} accepts, unless resuming is switched off. */
    public int onModelsHeld(Predicate<String> models) {
        if (!enabled) {
            return 0;
        }
        try {
            return recover(models);
        } catch (RuntimeException e) {
            // the store may be down: the jobs stay in the journal for the next time their models are assigned
            LOG.warnf("could not look for unfinished jobs: %s", e.getMessage());
            return 0;
        }
    }

    /** Queues every unfinished job again; returns how many. */
    public int recover() {
        return recover(name -> true);
    }

    /** Queues every unfinished job of the models {@code models} accepts; returns how many. */
    public int recover(Predicate<String> models) {
        int resumed = 0;
        for (JobJournal.Entry entry : journal.unfinished()) {
            TrainingRequested request = entry.request();
            if (!models.test(request.effectiveModelName()) || jobs.find(request.jobId()).isPresent()) {
                continue;
            }
            boolean crashed = entry.status() == TrainingStatus.RUNNING && !entry.released();
            int recoveries = entry.recoveries() + (crashed ? 1 : 0);
            if (crashed && entry.recoveries() >= maxRecoveries) {
                // a job that keeps the trainer from finishing (the kernel's OOM killer, a crash in native code)
                // would otherwise be resumed, and kill the trainer, on every start
                String reason = "the trainer stopped while this job was " + entry.status().value() + " "
                        + recoveries + " times (killed, for example by the out-of-memory killer); not "
                        + "resumed again. Check the trainer's memory limit against the job's data set and batch size";
                LOG.errorf("job %s: %s", request.jobId(), reason);
                jobs.giveUp(request, recoveries, reason);
                continue;
            }
            String how = entry.released() ? "handed over by another trainer" : "was " + entry.status().value()
                    + " when its trainer stopped";
            OptionalInt last = journal.lastCheckpoint(request.jobId());
            List<EpochMetrics> history = journal.history(request.jobId());
            TrainingRequested again = request;
            int epochs = request.hyperParameters().epochs();
            // an ensemble's checkpoints are its members' epochs: it starts again
            if (request.ensemble() == null && last.isPresent() && Math.min(last.getAsInt(), epochs - 1) >= 1) {
                // a job that stopped after its last epoch but before its evaluation redoes that last epoch
                int epoch = Math.min(last.getAsInt(), epochs - 1);
                again = request.resumedAt(epoch);
                history = history.stream().filter(m -> m.epoch() <= epoch).toList();
                LOG.infof("job %s %s; resuming from its epoch-%d checkpoint", request.jobId(), how, epoch);
            } else {
                history = List.of();
                LOG.infof("job %s %s; starting it", request.jobId(), how);
            }
            jobs.resubmit(again, history, recoveries);
            resumed++;
        }
        return resumed;
    }
}
