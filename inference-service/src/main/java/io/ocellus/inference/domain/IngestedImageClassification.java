package io.ocellus.inference.domain;

import io.ocellus.serving.ServedModel;
import io.ocellus.serving.ModelServing;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.models.ModelKeys;
import io.ocellus.commons.storage.Buckets;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Task;
import io.ocellus.serving.ResultMarks;
import io.ocellus.serving.StoredImages;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/**
 * Classifies each ingested image that asks for it with every served model, and announces one
 * {@code ImageClassified} per (image, model version). A mark in the store records each pair once its event is
 * acknowledged, so a redelivered image is not announced again by the same version.
 */
@ApplicationScoped
public class IngestedImageClassification {

    private static final Logger LOG = Logger.getLogger(IngestedImageClassification.class);

    private final ModelServing serving;
    private final ImageClassifier classifier;
    private final ResultMarks marks;
    private final EventPublisher publisher;
    private final InferenceMetrics metrics;
    private final StoredImages images;
    private final int topK;

    public IngestedImageClassification(ModelServing serving, ImageClassifier classifier, ResultMarks marks,
                                       EventPublisher publisher, InferenceMetrics metrics, StoredImages images,
                                       @ConfigProperty(name = "ocellus.inference.top-k", defaultValue = "5") int topK) {
        this.serving = serving;
        this.classifier = classifier;
        this.marks = marks;
        this.publisher = publisher;
        this.metrics = metrics;
        this.images = images;
        this.topK = topK;
    }

    public void onImage(ImageIngested image) {
        if (!image.tasks().contains(Task.CLASSIFY)) {
            return;
        }
        List<ServedModel> models = serving.served();
        if (models.isEmpty()) {
            metrics.skipped("no_model");
            LOG.infof("image %s not classified: no model is served yet", image.imageId());
            return;
        }
        InspectedImage pixels = null;
        try {
            for (ServedModel listed : models) {
                try (ModelServing.Lease lease = serving.lease(listed.name()).orElse(null)) {
                    if (lease == null) {
                        continue;
                    }
                    ServedModel model = lease.model();
                    String mark = ModelKeys.classified(model.name(), model.version(), image.imageId());
                    if (marks.exists(Buckets.MODELS, mark)) {
                        metrics.skipped("already_classified");
                        continue;
                    }
                    if (pixels == null) {
                        pixels = images.fetch(image);
                    }
                    classify(image, model, pixels.image(), mark);
                }
            }
        } finally {
            if (pixels != null) {
                pixels.close();
            }
        }
    }

    private void classify(ImageIngested image, ServedModel model, BufferedImage pixels, String mark) {
        long started = System.nanoTime();
        float[] probabilities = classifier.probabilities(model, pixels, false);
        double millis = (System.nanoTime() - started) / 1e6;
        publisher.publish(image.imageId(), ImageClassified.of(image.imageId(), model.name(), model.version(),
                ImageClassifier.top(probabilities, model.description().labels(), topK), millis, Instant.now()));
        marks.record(Buckets.MODELS, mark);
        metrics.classified(model.name(), "kafka");
    }
}
