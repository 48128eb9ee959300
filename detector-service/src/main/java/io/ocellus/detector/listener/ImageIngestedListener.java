package io.ocellus.detector.listener;

import io.ocellus.commons.messaging.stream.StreamBinding;
import io.ocellus.commons.messaging.stream.TransactionalStreams;
import io.ocellus.detector.domain.AnnouncedDetections;
import io.ocellus.detector.domain.IngestedImageDetection;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.serving.ModelStartup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Takes ingested images off their topic once the registry's models are loaded, several at a time so that the
 * windows of different scenes share the model's batches, and publishes each image's detections exactly once.
 */
@ApplicationScoped
public class ImageIngestedListener {

    /** A scene search takes 0.3 to 8 s on 2 cores, depending on the image and the pyramid. */
    private static final Duration SCENE_COST = Duration.ofSeconds(8);

    private final TransactionalStreams streams;
    private final IngestedImageDetection detection;
    private final ModelStartup models;
    private final AnnouncedDetections announced;
    private final int concurrency;

    public ImageIngestedListener(TransactionalStreams streams, IngestedImageDetection detection, ModelStartup models,
                                 AnnouncedDetections announced,
                                 @ConfigProperty(name = "ocellus.detector.stream-concurrency", defaultValue = "4")
                                 int concurrency) {
        this.streams = streams;
        this.detection = detection;
        this.models = models;
        this.announced = announced;
        this.concurrency = concurrency;
    }

    void start(@Observes StartupEvent event) {
        streams.start(new StreamBinding(Topics.IMAGES_INGESTED, ConsumerGroups.DETECTOR, concurrency, SCENE_COST),
                ImageIngested.class, detection::onImage, models::loaded, announced.results());
    }
}
