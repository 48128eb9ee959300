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
 * Takes ingested images off their topic once the registry's models are loaded, many at a time so that their
 * images share the models' batches, and publishes each image's classifications exactly once.
 */
@ApplicationScoped
public class ImageIngestedListener {

    /** A store read, the decode and one batched classification per served model, measured on 2 cores. */
    private static final Duration IMAGE_COST = Duration.ofMillis(25);

    private final TransactionalStreams streams;
    private final IngestedImageClassification classification;
    private final ModelStartup models;
    private final AnnouncedClassifications announced;
    private final int concurrency;

    public ImageIngestedListener(TransactionalStreams streams, IngestedImageClassification classification,
                                 ModelStartup models, AnnouncedClassifications announced,
                                 @ConfigProperty(name = "ocellus.inference.stream-concurrency", defaultValue = "64")
                                 int concurrency) {
        this.streams = streams;
        this.classification = classification;
        this.models = models;
        this.announced = announced;
        this.concurrency = concurrency;
    }

    void start(@Observes StartupEvent event) {
        streams.start(new StreamBinding(Topics.IMAGES_INGESTED, ConsumerGroups.INFERENCE, concurrency, IMAGE_COST),
                ImageIngested.class, classification::onImage, models::loaded, announced.results());
    }
}
