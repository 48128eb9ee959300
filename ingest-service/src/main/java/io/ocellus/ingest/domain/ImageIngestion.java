package io.ocellus.ingest.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.storage.Buckets;
import io.ocellus.commons.storage.ContentKeys;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.ImageIngested;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * Stores one image content-addressed and announces it. The object is complete in the store before its event is
 * sent, and the caller hears of success only after Kafka acknowledged the event: "one event = one image stored".
 */
@ApplicationScoped
public class ImageIngestion {

    private static final Logger LOG = Logger.getLogger(ImageIngestion.class);

    private final ImageInspector inspector;
    private final ObjectStore store;
    private final EventPublisher events;
    private final MeterRegistry registry;

    public ImageIngestion(ImageInspector inspector, ObjectStore store, EventPublisher events, MeterRegistry registry) {
        this.inspector = inspector;
        this.store = store;
        this.events = events;
        this.registry = registry;
    }

    public IngestedImage ingest(byte[] bytes, String declaredMediaType) {
        InspectedImage image;
        try {
            image = inspector.inspect(bytes, declaredMediaType);
        } catch (ImageRejectedException e) {
            registry.counter("ocellus.ingest.images.rejected", "reason", e.slug()).increment();
            throw e;
        }
        String imageId = sha256(bytes);
        String key = ContentKeys.forImage(imageId);
        String contentType = image.format().mediaType();
        boolean duplicate = store.exists(Buckets.IMAGES, key);
        if (!duplicate) {
            store.put(Buckets.IMAGES, key, bytes, contentType);
        }
        events.publish(imageId, ImageIngested.of(imageId, Buckets.IMAGES, key, contentType, bytes.length,
                image.width(), image.height(), image.channels(), null, null, null, Set.of(), Instant.now()));
        registry.counter("ocellus.ingest.images.accepted", "duplicate", Boolean.toString(duplicate)).increment();
        LOG.infof("ingested %s (%s %dx%dx%d, %d bytes%s)", imageId, contentType, image.width(), image.height(),
                image.channels(), bytes.length, duplicate ? ", duplicate" : "");
        return new IngestedImage(imageId, Buckets.IMAGES, key, contentType, bytes.length, image.width(),
                image.height(), image.channels(), duplicate);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
