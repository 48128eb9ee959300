package io.ocellus.inference.listener;

import io.ocellus.commons.messaging.stream.StreamBinding;
import io.ocellus.commons.messaging.stream.TransactionalStreams;
import io.ocellus.inference.domain.AnnouncedClassifications;
import io.ocellus.inference.domain.IngestedImageClassification;
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
 * Takes ingested images off their topic once the registry's models are loaded, and publishes each image's
 * classifications exactly once. A few workers fetch and prepare a poll's images and queue them all with the models,
 * so that they share the models' batches.
 */
@ApplicationScoped
public class ImageIngestedListener {

    /** A worker's share of an image: the store read, the decode and the preprocessing, measured on 2 cores. */
    private static final Duration IMAGE_COST = Duration.ofMillis(5);

    private final TransactionalStreams streams;
    private final IngestedImageClassification classification;
    private final ModelStartup models;
    private final AnnouncedClassifications announced;
    private final int concurrency;

    public ImageIngestedListener(TransactionalStreams streams, IngestedImageClassification classification,
                                 ModelStartup models, AnnouncedClassifications announced,
                                 @ConfigProperty(name = "ocellus.inference.stream-concurrency", defaultValue = "8")
                                 int concurrency) {
        this.streams = streams;
        this.classification = classification;
        this.models = models;
        this.announced = announced;
        this.concurrency = concurrency;
    }

    void start(@Observes StartupEvent event) {
        streams.startAsync(new StreamBinding(Topics.IMAGES_INGESTED, ConsumerGroups.INFERENCE, concurrency, IMAGE_COST),
                ImageIngested.class, classification::onImage, models::loaded, announced.results());
    }
}
