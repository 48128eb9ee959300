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
import java.util.concurrent.CompletableFuture;

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

    /**
     * Queues the image with every served model that has not answered it yet and returns; the classifications come
     * when the models' batches have run. None when the image does not ask for one or no model is served.
     */
    public CompletableFuture<List<Outgoing>> onImage(ImageIngested image) {
        if (!image.tasks().contains(Task.CLASSIFY)) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<ServedModel> models = serving.served();
        if (models.isEmpty()) {
            metrics.skipped("no_model");
            LOG.infof("image %s not classified: no model is served yet", image.imageId());
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<Outgoing>> results = new ArrayList<>(models.size());
        InspectedImage pixels = null;
        try {
            for (ServedModel listed : models) {
                ModelServing.Lease lease = serving.lease(listed.name()).orElse(null);
                if (lease == null) {
                    continue;
                }
                try {
                    ServedModel model = lease.model();
                    if (announced.announced(image.imageId(), model.name(), model.version())) {
                        metrics.skipped("already_classified");
                        lease.close();
                        continue;
                    }
                    if (pixels == null) {
                        pixels = images.fetch(image);
                    }
                    // the lease keeps the version loaded until its batch has answered
                    results.add(classify(image, model, pixels.image()).whenComplete((done, failure) -> lease.close()));
                } catch (RuntimeException e) {
                    lease.close();
                    throw e;
                }
            }
        } finally {
            // each model has its own preprocessed copy in its queue by now
            if (pixels != null) {
                pixels.close();
            }
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(all -> results.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Outgoing> classify(ImageIngested image, ServedModel model, BufferedImage pixels) {
        long started = System.nanoTime();
        return classifier.probabilitiesLater(model, pixels).thenApply(probabilities -> {
            double millis = (System.nanoTime() - started) / 1e6;
            metrics.classified(model.name(), "kafka");
            return new Outgoing(image.imageId(), ImageClassified.of(image.imageId(), model.name(), model.version(),
                    ImageClassifier.top(probabilities, model.description().labels(), topK), millis, Instant.now()));
        });
    }
}
