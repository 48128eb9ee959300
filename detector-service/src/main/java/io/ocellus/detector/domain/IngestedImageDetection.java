package io.ocellus.detector.domain;

import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.storage.Buckets;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.Task;
import io.ocellus.serving.ModelServing;
import io.ocellus.serving.ResultMarks;
import io.ocellus.serving.StoredImages;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Searches each ingested image that asks for detection with the configured detector model and default
 * parameters, and announces one {@code ObjectsDetected} per (image, model version, parameters): a mark in the
 * store records each once its event is acknowledged, so a redelivered image is not announced again.
 */
@ApplicationScoped
public class IngestedImageDetection {

    private static final Logger LOG = Logger.getLogger(IngestedImageDetection.class);

    private final SceneDetector detector;
    private final ModelServing serving;
    private final ResultMarks marks;
    private final EventPublisher publisher;
    private final DetectionMetrics metrics;
    private final StoredImages images;

    public IngestedImageDetection(SceneDetector detector, ModelServing serving, ResultMarks marks,
                                  EventPublisher publisher, DetectionMetrics metrics, StoredImages images) {
        this.detector = detector;
        this.serving = serving;
        this.marks = marks;
        this.publisher = publisher;
        this.metrics = metrics;
        this.images = images;
    }

    public void onImage(ImageIngested image) {
        if (!image.tasks().contains(Task.DETECT)) {
            return;
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
            return;
        }
        DetectionSettings defaults = new DetectionSettings(model, null, null, null, null, null, null, null, null,
                Set.of());
        String mark = AnnotationExpiry.MARKS + model + "/" + version + "/" + image.imageId();
        if (marks.exists(Buckets.DETECTIONS, mark)) {
            metrics.skipped("already_detected");
            return;
        }
        ObjectsDetected found;
        try (InspectedImage pixels = images.fetch(image)) {
            found = detector.detect(image.imageId(), pixels.image(), defaults, "kafka");
        }
        publisher.publish(image.imageId(), found);
        marks.record(Buckets.DETECTIONS, mark);
        LOG.infof("image %s: %d objects (model %s version %d, %d windows)", image.imageId(), found.boxes().size(),
                model, found.modelVersion(), found.windowsEvaluated());
    }
}
