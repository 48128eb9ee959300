package io.ocellus.detector.domain;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.store.Buckets;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes annotated detection images older than {@code ocellus.detector.annotation-ttl} (7 days unless set), so
 * that every search does not keep a PNG forever.
 */
@ApplicationScoped
public class AnnotationExpiry {

    private static final Logger LOG = Logger.getLogger(AnnotationExpiry.class);

    private final ObjectStore store;
    private final Duration ttl;
    private final Duration interval;
    private ScheduledExecutorService sweeper;

    public AnnotationExpiry(ObjectStore store,
                            @ConfigProperty(name = "ocellus.detector.annotation-ttl", defaultValue = "7d")
                            Duration ttl,
                            @ConfigProperty(name = "ocellus.detector.annotation-sweep", defaultValue = "1h")
                            Duration interval) {
        this.store = store;
        this.ttl = ttl;
        this.interval = interval;
    }

    /** Deletes the annotated images written before {@code now − ttl}; returns how many. */
    public int sweep(Instant now) {
        Instant cutoff = now.minus(ttl);
        int removed = 0;
        for (ObjectStore.StoredObject object : store.listObjects(Buckets.DETECTIONS, "")) {
            if (object.key().endsWith(".png")
                    && object.lastModified().isBefore(cutoff)) {
                store.delete(Buckets.DETECTIONS, object.key());
                removed++;
            }
        }
        if (removed > 0) {
            LOG.infof("removed %d annotated image(s) older than %s", removed, ttl);
        }
        return removed;
    }

    void start(@Observes StartupEvent event) {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "annotation-expiry");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep(Instant.now());
            } catch (RuntimeException e) {
                LOG.warnf("annotated images not swept: %s", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
