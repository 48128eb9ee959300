package io.ocellus.commons.health;

import io.ocellus.commons.storage.BucketBootstrap;
import io.ocellus.commons.storage.ObjectStoreConfig;
import io.ocellus.commons.storage.ObjectStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the object store answers and every bucket this service needs exists. */
@Readiness
@ApplicationScoped
public class ObjectStoreReadinessCheck implements HealthCheck {

    private final BucketBootstrap buckets;
    private final ObjectStoreConfig config;

    public ObjectStoreReadinessCheck(BucketBootstrap buckets, ObjectStoreConfig config) {
        this.buckets = buckets;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Object store")
                .withData("endpoint", config.endpoint())
                .withData("buckets", String.join(",", config.buckets()));
        try {
            buckets.ensureBuckets();
            return response.up().build();
        } catch (ObjectStoreException e) {
            return response.down().withData("reason", e.getMessage()).build();
        }
    }
}
