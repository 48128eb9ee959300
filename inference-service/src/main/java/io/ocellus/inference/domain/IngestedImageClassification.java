package io.ocellus.inference.domain;

import io.ocellus.serving.ServedModel;
import io.ocellus.serving.ModelServing;
import io.ocellus.commons.messaging.stream.Outgoing;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import io.ocellus.serving.StoredImages;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies each ingested image that asks for it with every served model: one {@code ImageClassified} per
 * (image, model version), which the stream publishes in the transaction that consumes the image, so a redelivered
 * image is never announced twice, and an image announced again is skipped by the versions that have answered it.
 * The image is fetched and decoded once for all models.
 */
@ApplicationScoped
public class IngestedImageClassification {

    private static final Logger LOG = Logger.getLogger(IngestedImageClassification.class);

    private final ModelServing serving;
    private final ImageClassifier classifier;
    private final InferenceMetrics metrics;
    private final StoredImages images;
    private final AnnouncedClassifications announced;
    private final int topK;

    public IngestedImageClassification(ModelServing serving, ImageClassifier classifier,
                                       InferenceMetrics metrics, StoredImages images,
                                       AnnouncedClassifications announced,
                                       @ConfigProperty(name = "ocellus.inference.top-k", defaultValue = "5") int topK) {
        this.serving = serving;
        this.classifier = classifier;
        this.metrics = metrics;
        this.images = images;
        this.announced = announced;
        this.topK = topK;
    }

    /** The image's classification by every served model; none when it does not ask for one or none is served. */
    public List<Outgoing> onImage(ImageIngested image) {
        if (!image.tasks().contains(Task.CLASSIFY)) {
            return List.of();
        }
        List<ServedModel> models = serving.served();
        if (models.isEmpty()) {
            metrics.skipped("no_model");
            LOG.infof("image %s not classified: no model is served yet", image.imageId());
            return List.of();
        }
        List<Outgoing> results = new ArrayList<>(models.size());
        InspectedImage pixels = null;
        try {
            for (ServedModel listed : models) {
                try (ModelServing.Lease lease = serving.lease(listed.name()).orElse(null)) {
                    if (lease == null) {
                        continue;
                    }
                    if (announced.announced(image.imageId(), lease.model().name(), lease.model().version())) {
                        metrics.skipped("already_classified");
                        continue;
                    }
                    if (pixels == null) {
                        pixels = images.fetch(image);
                    }
                    results.add(classify(image, lease.model(), pixels.image()));
                }
            }
        } finally {
            if (pixels != null) {
                pixels.close();
            }
        }
        return results;
    }

    private Outgoing classify(ImageIngested image, ServedModel model, BufferedImage pixels) {
        long started = System.nanoTime();
        float[] probabilities = classifier.probabilities(model, pixels, false);
        double millis = (System.nanoTime() - started) / 1e6;
        metrics.classified(model.name(), "kafka");
        return new Outgoing(image.imageId(), ImageClassified.of(image.imageId(), model.name(), model.version(),
                ImageClassifier.top(probabilities, model.description().labels(), topK), millis, Instant.now()));
    }
}
