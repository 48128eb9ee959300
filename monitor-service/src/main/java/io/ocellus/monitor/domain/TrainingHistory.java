package io.ocellus.monitor.domain;

import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every training job's history, rebuilt from the training topics (the monitor's group reads them from the start).
 * Each change fires a {@link JobView}; the oldest jobs beyond {@code ocellus.monitor.max-jobs} are dropped, with a
 * {@link JobEvicted}, so memory and metric series stay bounded however long the stack runs.
 */
@ApplicationScoped
public class TrainingHistory {

    private final Map<String, JobHistory> jobs = new HashMap<>();
    private final int maxJobs;
    private final Event<JobView> changes;
    private final Event<JobEvicted> evictions;

    public TrainingHistory(@ConfigProperty(name = "ocellus.monitor.max-jobs", defaultValue = "200") int maxJobs,
                           Event<JobView> changes, Event<JobEvicted> evictions) {
        this.maxJobs = maxJobs;
        this.changes = changes;
        this.evictions = evictions;
    }

    public void record(TrainingRequested request) {
        update(request.jobId(), job -> job.apply(request));
    }

    public void record(TrainingProgress progress) {
        update(progress.jobId(), job -> job.apply(progress));
    }

    /** All jobs, the most recently updated first, without their epochs (but with the latest one). */
    public synchronized List<JobView> summaries() {
        return jobs.values().stream()
                .sorted(Comparator.comparing(JobHistory::updatedAt).reversed())
                .map(job -> job.view().summary())
                .toList();
    }

    public synchronized Optional<JobView> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(JobHistory::view);
    }

    private void update(String jobId, Function<JobHistory, Boolean> change) {
        JobView changed = null;
        String evicted = null;
        synchronized (this) {
            JobHistory job = jobs.computeIfAbsent(jobId, JobHistory::new);
            if (change.apply(job)) {
                changed = job.view();
            }
            if (jobs.size() > maxJobs) {
                evicted = jobs.entrySet().stream()
                        .filter(entry -> !entry.getKey().equals(jobId))
                        .min(Comparator.comparing(entry -> entry.getValue().updatedAt()))
                        .map(Map.Entry::getKey).orElse(null);
                jobs.remove(evicted);
            }
        }
        if (evicted != null) {
            evictions.fire(new JobEvicted(evicted));
        }
        if (changed != null) {
            changes.fire(changed);
        }
    }
}
