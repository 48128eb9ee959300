package io.ocellus.detector.domain;

import io.ocellus.commons.messaging.stream.RecentResults;
import io.ocellus.schema.events.ObjectsDetected;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The (image, model version) pairs searched and announced lately (streamed searches use the service's default
 * parameters): an image announced again within the window is not searched again by a version that has answered it.
 */
@ApplicationScoped
public class AnnouncedDetections {

    private final RecentResults<ObjectsDetected> recent;

    public AnnouncedDetections(
            @ConfigProperty(name = "ocellus.detector.remembered-results", defaultValue = "100000") int capacity,
            @ConfigProperty(name = "ocellus.detector.remembered-for", defaultValue = "24h") Duration window) {
        this.recent = new RecentResults<>(ObjectsDetected.class,
                d -> identity(d.imageId(), d.modelName(), d.modelVersion()), capacity, window);
    }

    public boolean announced(String imageId, String model, int version) {
        return recent.contains(identity(imageId, model, version));
    }

    public RecentResults<ObjectsDetected> results() {
        return recent;
    }

    private static String identity(String imageId, String model, int version) {
        return imageId + "/" + model + "/" + version;
    }
}
