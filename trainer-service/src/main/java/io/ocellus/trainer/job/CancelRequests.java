package io.ocellus.trainer.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Cancels that reach a trainer which does not run the job are left in the journal; the trainer that runs it looks
 * for them before the job starts and, while it trains, every few seconds between two batches.
 */
@ApplicationScoped
public class CancelRequests {

    private static final Logger LOG = Logger.getLogger(CancelRequests.class);
    static final Duration LOOK_EVERY = Duration.ofSeconds(2);

    private final JobJournal journal;

    public CancelRequests(JobJournal journal) {
        this.journal = journal;
    }

    /** The reason of a cancel left for the job, if any (a store that cannot be read counts as none). */
    Optional<String> leftFor(String jobId) {
        try {
            return journal.cancelRequest(jobId);
        } catch (RuntimeException e) {
            LOG.debugf("job %s: cannot look for a cancel request: %s", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the running job should stop: cancelled here, or a cancel was left for it in the journal. */
    BooleanSupplier watch(JobState state) {
        return new BooleanSupplier() {
            private long nextLook = System.nanoTime() + LOOK_EVERY.toNanos();

            @Override
            public boolean getAsBoolean() {
                if (!state.cancelRequested() && System.nanoTime() - nextLook >= 0) {
                    nextLook = System.nanoTime() + LOOK_EVERY.toNanos();
                    leftFor(state.jobId()).ifPresent(state::requestCancel);
                }
                return state.cancelRequested();
            }
        };
    }
}
