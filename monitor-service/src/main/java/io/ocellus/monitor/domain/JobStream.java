package io.ocellus.monitor.domain;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Every job change as it happens, for the page's live curves (server-sent events). */
@ApplicationScoped
public class JobStream {

    private final BroadcastProcessor<JobView> changes = BroadcastProcessor.create();

    void onChange(@Observes JobView job) {
        changes.onNext(job);
    }

    /** The changes from now on; a subscriber that falls behind loses the oldest, never blocks the listeners. */
    public Multi<JobView> changes() {
        return changes.onOverflow().drop();
    }
}
