package io.ocellus.ingest.domain;

import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps "stored ⇒ announced": an image whose event the broker did not acknowledge has its event written to the
 * images bucket under {@code outbox/}, and a relay publishes every such event once the broker answers again, then
 * removes it. A relay that publishes twice (two replicas, or a crash after the publish) does no harm: consumers
 * handle an image once per model version.
 */
@ApplicationScoped
public class AnnouncementOutbox {

    static final String PREFIX = "outbox/";
    private static final Logger LOG = Logger.getLogger(AnnouncementOutbox.class);

    private final ObjectStore store;
    private final EventPublisher events;
    private final IngestMetrics metrics;
    private final Duration interval;
    private ScheduledExecutorService relay;

    public AnnouncementOutbox(ObjectStore store, EventPublisher events, IngestMetrics metrics,
                              @ConfigProperty(name = "ocellus.ingest.outbox-interval", defaultValue = "5s")
                              Duration interval) {
        this.store = store;
        this.events = events;
        this.metrics = metrics;
        this.interval = interval;
    }

    /** Keeps the event of a stored image for the relay; throws when the store does not take it either. */
    public void keep(ImageIngested event) {
        byte[] json = EventSerde.instance().serialize(event);
        store.put(Buckets.IMAGES, key(event.imageId(), json), json, "application/json");
        metrics.outboxKept();
    }

    /** Publishes every kept event, oldest key first, until the broker refuses one; returns how many went out. */
    public synchronized int relay() {
        List<String> keys = store.listKeys(Buckets.IMAGES, PREFIX);
        int sent = 0;
        for (String key : keys) {
            ImageIngested event = EventSerde.instance().deserialize(store.get(Buckets.IMAGES, key),
                    ImageIngested.class);
            events.publish(event.imageId(), event);
            store.delete(Buckets.IMAGES, key);
            metrics.outboxRelayed();
            sent++;
        }
        if (sent > 0) {
            LOG.infof("announced %d stored image(s) whose events the broker had not taken", sent);
        }
        return sent;
    }

    private static String key(String imageId, byte[] event) {
        // one entry per distinct announcement (the same image uploaded to two data sets is two)
        return PREFIX + imageId + "-" + ContentKeys.sha256(event).substring(0, 16) + ".json";
    }

    void start(@Observes StartupEvent event) {
        relay = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        relay.scheduleWithFixedDelay(this::relayQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void relayQuietly() {
        try {
            relay();
        } catch (RuntimeException e) {
            // the broker or the store is still away: the events stay kept for the next round
            LOG.debugf("outbox not relayed yet: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.shutdownNow();
        }
    }
}
