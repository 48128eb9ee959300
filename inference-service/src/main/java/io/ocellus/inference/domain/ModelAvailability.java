package io.ocellus.inference.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Decides what happens to an ingested image asking for classify: with no published model to run, the image is
 * counted as skipped with that reason, so operators see demand that is not being served.
 */
@ApplicationScoped
public class ModelAvailability {

    private static final Logger LOG = Logger.getLogger(ModelAvailability.class);

    private final MeterRegistry registry;

    public ModelAvailability(MeterRegistry registry) {
        this.registry = registry;
    }

    public void onImage(ImageIngested image) {
        if (!image.tasks().contains(Task.CLASSIFY)) {
            return;
        }
        registry.counter("ocellus.inference.images.skipped", "reason", "no_model").increment();
        LOG.infof("image %s not classified: no model has been published yet", image.imageId());
    }
}
