package io.ocellus.commons.storage;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates this service's buckets at start. A store that is not up yet does not stop the service from booting:
 * readiness stays DOWN and tries again on every check until the buckets exist.
 */
@ApplicationScoped
public class BucketBootstrap {

    private static final Logger LOG = Logger.getLogger(BucketBootstrap.class);

    private final ObjectStore store;
    private final ObjectStoreConfig config;

    public BucketBootstrap(ObjectStore store, ObjectStoreConfig config) {
        this.store = store;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureBuckets();
            LOG.infof("object store %s ready, buckets %s", config.endpoint(), config.buckets());
        } catch (ObjectStoreException e) {
            LOG.warnf("object store %s not ready yet: %s", config.endpoint(), e.getMessage());
        }
    }

    /** Creates whichever of this service's buckets are missing; throws when the store cannot be reached. */
    public void ensureBuckets() {
        config.buckets().forEach(store::ensureBucket);
    }
}
