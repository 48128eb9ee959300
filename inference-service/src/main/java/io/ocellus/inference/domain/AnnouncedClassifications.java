package io.ocellus.inference.domain;

import io.ocellus.commons.messaging.stream.RecentResults;
import io.ocellus.schema.events.ImageClassified;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The (image, model version) pairs classified and announced lately: an image announced again within the window is
 * not classified again by a version that has answered it.
 */
@ApplicationScoped
public class AnnouncedClassifications {

    private final RecentResults<ImageClassified> recent;

    public AnnouncedClassifications(
            @ConfigProperty(name = "ocellus.inference.remembered-results", defaultValue = "200000") int capacity,
            @ConfigProperty(name = "ocellus.inference.remembered-for", defaultValue = "24h") Duration window) {
        this.recent = new RecentResults<>(ImageClassified.class,
                c -> identity(c.imageId(), c.modelName(), c.modelVersion()), capacity, window);
    }

    public boolean announced(String imageId, String model, int version) {
        return recent.contains(identity(imageId, model, version));
    }

    public RecentResults<ImageClassified> results() {
        return recent;
    }

    private static String identity(String imageId, String model, int version) {
        return imageId + "/" + model + "/" + version;
    }
}
