package io.ocellus.ingest.domain;

import io.ocellus.commons.messaging.EventPublishException;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.DatasetKeys;
import io.ocellus.vision.ImageInspector;
import io.ocellus.vision.ImageRejectedException;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores one image content-addressed and announces it. The object is complete in the store before its data-set
 * key and its event are written: "one event = one image stored". When Kafka does not acknowledge the event, the
 * event is kept in the {@link AnnouncementOutbox} and goes out when the broker is back, and the caller hears that
 * the image is stored but not yet announced: "stored ⇒ announced". The same bytes arriving twice, even at the same
 * moment, are one object.
 */
@ApplicationScoped
public class ImageIngestion {

    private static final Logger LOG = Logger.getLogger(ImageIngestion.class);
    private static final int LOCK_STRIPES = 64;

    private final ImageInspector inspector;
    private final ObjectStore store;
    private final EventPublisher events;
    private final IngestMetrics metrics;
    private final AnnouncementOutbox outbox;
    // concurrent uploads of the same bytes serialise here, so exactly one of them reports "new"
    private final ReentrantLock[] stripes = new ReentrantLock[LOCK_STRIPES];

    public ImageIngestion(ImageInspector inspector, ObjectStore store, EventPublisher events, IngestMetrics metrics,
                          AnnouncementOutbox outbox) {
        this.inspector = inspector;
        this.outbox = outbox;
        this.store = store;
        this.events = events;
        this.metrics = metrics;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public IngestedImage ingest(byte[] bytes, String declaredMediaType, UploadTarget target) {
        long started = System.nanoTime();
        InspectedImage image;
        try {
            image = inspector.inspect(bytes, declaredMediaType);
        } catch (ImageRejectedException e) {
            metrics.rejected(e.slug());
            throw e;
        }
        // the pixels were needed only to check them: their memory is free again for the next upload
        image.close();
        String imageId = ContentKeys.sha256(bytes);
        String key = ContentKeys.forImage(imageId);
        String contentType = image.format().mediaType();
        boolean duplicate = storeOnce(imageId, key, bytes, contentType, image);
        if (target.inDataset()) {
            store.put(Buckets.IMAGES, DatasetKeys.member(target.dataset(), target.split(), target.label(), imageId),
                    new byte[0], "application/octet-stream");
        }
        long sending = System.nanoTime();
        ImageIngested event = ImageIngested.of(imageId, Buckets.IMAGES, key, contentType, bytes.length,
                image.width(), image.height(), image.channels(), target.dataset(), target.label(), target.split(),
                target.tasks(), Instant.now());
        boolean announced = true;
        try {
            events.publish(imageId, event);
            metrics.eventSent(Duration.ofNanos(System.nanoTime() - sending));
        } catch (EventPublishException e) {
            // the image is stored: its event must follow, so it waits in the outbox for the broker
            outbox.keep(event);
            announced = false;
            LOG.warnf("image %s stored; its event waits in the outbox: %s", imageId, e.getMessage());
        }
        metrics.accepted(bytes.length, duplicate, Duration.ofNanos(System.nanoTime() - started));
        LOG.debugf("ingested %s (%s %dx%dx%d, %d bytes, %s%s)", imageId, contentType, image.width(), image.height(),
                image.channels(), bytes.length, target, duplicate ? ", duplicate" : "");
        return new IngestedImage(imageId, Buckets.IMAGES, key, contentType, bytes.length, image.width(),
                image.height(), image.channels(), duplicate, announced);
    }

    /** Puts the object unless those bytes are already stored; returns whether they were. */
    private boolean storeOnce(String imageId, String key, byte[] bytes, String contentType, InspectedImage image) {
        ReentrantLock lock = stripes[Math.floorMod(imageId.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            if (store.exists(Buckets.IMAGES, key)) {
                return true;
            }
            store.put(Buckets.IMAGES, key, bytes, contentType, ImageMetadata.of(image));
            return false;
        } finally {
            lock.unlock();
        }
    }

}
