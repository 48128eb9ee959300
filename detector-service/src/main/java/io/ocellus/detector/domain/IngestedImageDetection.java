package io.ocellus.detector.domain;

import io.ocellus.commons.messaging.stream.Outgoing;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.Task;
import io.ocellus.serving.ModelServing;
import io.ocellus.serving.StoredImages;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;

/**
 * Searches each ingested image that asks for detection with the configured detector model and default
 * parameters: one {@code ObjectsDetected} per (image, model version, parameters), which the stream publishes in
 * the transaction that consumes the image, so a redelivered image is never announced twice. Images searched at
 * the same time share the model's batches.
 */
@ApplicationScoped
public class IngestedImageDetection {

    private static final Logger LOG = Logger.getLogger(IngestedImageDetection.class);

    private final SceneDetector detector;
    private final ModelServing serving;
    private final DetectionMetrics metrics;
    private final StoredImages images;
    private final AnnouncedDetections announced;

    public IngestedImageDetection(SceneDetector detector, ModelServing serving, DetectionMetrics metrics, StoredImages images,
                                  AnnouncedDetections announced) {
        this.detector = detector;
        this.serving = serving;
        this.metrics = metrics;
        this.images = images;
        this.announced = announced;
    }

    /** The image's detections; none when it does not ask for a search or no detector model is served. */
    public List<Outgoing> onImage(ImageIngested image) {
        if (!image.tasks().contains(Task.DETECT)) {
            return List.of();
        }
        String model = detector.defaultModel().orElse(null);
        Integer version = model == null ? null : serving.lease(model).map(lease -> {
            try (lease) {
                return lease.model().version();
            }
        }).orElse(null);
        if (version == null) {
            metrics.skipped("no_model");
            LOG.infof("image %s not searched: %s", image.imageId(), model == null
                    ? "no detector model is configured (ocellus.detector.model)" : "model " + model + " is not served");
            return List.of();
        }
        if (announced.announced(image.imageId(), model, version)) {
            metrics.skipped("already_detected");
            return List.of();
        }
        DetectionSettings defaults = new DetectionSettings(model, null, null, null, null, null, null, null, null,
                Set.of());
        ObjectsDetected found;
        try (InspectedImage pixels = images.fetch(image)) {
            found = detector.detect(image.imageId(), pixels.image(), defaults, "kafka");
        }
        LOG.infof("image %s: %d objects (model %s version %d, %d windows)", image.imageId(), found.boxes().size(),
                model, found.modelVersion(), found.windowsEvaluated());
        return List.of(new Outgoing(image.imageId(), found));
    }
}
