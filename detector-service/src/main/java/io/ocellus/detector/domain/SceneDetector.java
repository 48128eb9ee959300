package io.ocellus.detector.domain;

import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.DetectedBox;
import io.ocellus.schema.events.DetectionParams;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.store.Buckets;
import io.ocellus.serving.ModelServing;
import io.ocellus.serving.ServedModel;
import io.ocellus.vision.detect.Box;
import io.ocellus.vision.detect.DenseWindowSearch;
import io.ocellus.vision.detect.SlidingWindowDetector;
import io.ocellus.vision.onnx.DenseClassifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the sliding-window detector of vision-core with a served model: the windows of all pyramid levels join the
 * model's dynamic batches, boxes come back in original-image pixels, and an annotated PNG is stored in
 * {@code ocellus-detections/<imageId>/<model>-v<version>-<parameters>.png}.
 */
@ApplicationScoped
public class SceneDetector {

    private static final Logger LOG = Logger.getLogger(SceneDetector.class);

    /** A label with this name is the "nothing here" class and is never reported unless asked for. */
    public static final String BACKGROUND = "background";
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final ModelServing serving;
    private final ModelCatalog catalog;
    private final ObjectStore store;
    private final DetectionMetrics metrics;
    private final DenseModels denseModels;
    private final Optional<String> defaultModel;
    private final long maxWindows;
    private final int batchSize;

    public SceneDetector(ModelServing serving, ModelCatalog catalog, ObjectStore store, DetectionMetrics metrics,
                         DenseModels denseModels,
                         @ConfigProperty(name = "ocellus.detector.model") Optional<String> defaultModel,
                         @ConfigProperty(name = "ocellus.detector.max-windows", defaultValue = "200000")
                         long maxWindows,
                         @ConfigProperty(name = "ocellus.detector.batch-size", defaultValue = "64") int batchSize) {
        this.serving = serving;
        this.catalog = catalog;
        this.store = store;
        this.metrics = metrics;
        this.denseModels = denseModels;
        this.defaultModel = defaultModel;
        this.maxWindows = maxWindows;
        this.batchSize = batchSize;
    }

    /** The model images from Kafka are searched with, when one is configured. */
    public Optional<String> defaultModel() {
        return defaultModel;
    }

    public ObjectsDetected detect(String imageId, BufferedImage image, DetectionSettings asked, String path) {
        String name = asked.model() != null ? asked.model() : defaultModel.orElseThrow(() ->
                new InvalidDetectionException(503, "no-model", "no detector model is configured "
                        + "(ocellus.detector.model); name one with model="));
        try (ModelServing.Lease lease = serving.lease(name).orElseThrow(() -> unavailable(name))) {
            ServedModel model = lease.model();
            List<String> labels = model.description().labels();
            DetectionParams params = asked.resolve(model.description().inputShape().width());
            SlidingWindowDetector.Settings settings = settings(params, ignored(labels, asked.labels()));
            long started = System.nanoTime();
            SlidingWindowDetector.Result result;
            try {
                result = search(image, model, settings);
            } catch (SlidingWindowDetector.TooManyWindowsException e) {
                throw new InvalidDetectionException(413, "too-many-windows", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new InvalidDetectionException(400, "bad-detection-parameters", e.getMessage());
            }
            List<DetectedBox> boxes = new ArrayList<>();
            for (Box box : result.boxes()) {
                boxes.add(new DetectedBox((int) Math.round(box.x1()), (int) Math.round(box.y1()),
                        (int) Math.round(box.x2()), (int) Math.round(box.y2()), labels.get(box.label()),
                        box.score()));
            }
            String key = imageId + "/" + name + "-v" + model.version() + "-"
                    + DetectionSettings.fingerprint(params, asked.labels()) + ".png";
            store.put(Buckets.DETECTIONS, key, Annotator.png(image, boxes, labels), "image/png");
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            metrics.detected(name, path, result.windowsEvaluated(), result.levels(), result.boxesBeforeNms(),
                    boxes.size(), latency);
            return ObjectsDetected.of(imageId, name, model.version(), params, boxes, key, result.windowsEvaluated(),
                    latency.toNanos() / 1e6, Instant.now());
        }
    }

    /**
     * The dense search when the model has a dense form and the windows are its input at a multiple of its stride
     * (the same boxes, much less work), otherwise window by window through the model's batcher.
     */
    private SlidingWindowDetector.Result search(BufferedImage image, ServedModel model,
                                                SlidingWindowDetector.Settings settings) {
        Optional<DenseModels.Lease> lease = denseModels.of(model);
        if (lease.isPresent()) {
            try (DenseModels.Lease held = lease.get()) {
                DenseClassifier dense = held.classifier();
                if (DenseWindowSearch.applies(settings, dense.windowWidth(), dense.windowHeight(), dense.stride())) {
                    SlidingWindowDetector.Result result = DenseWindowSearch.detect(image, model.preprocessor(),
                            dense::score, dense.stride(), settings);
                    metrics.searched(model.name(), "dense");
                    return result;
                }
            } catch (DenseClassifier.RunFailedException e) {
                // the dense form only saves work: the window-by-window search finds the same boxes
                LOG.warnf("model %s v%d: the dense search failed (%s); searching window by window", model.name(),
                        model.version(), e.getMessage());
            }
        }
        metrics.searched(model.name(), "windows");
        return SlidingWindowDetector.detect(image, model.preprocessor(), batch(model), settings);
    }

    private SlidingWindowDetector.Settings settings(DetectionParams p, Set<Integer> ignored) {
        try {
            return new SlidingWindowDetector.Settings(p.windowWidth(), p.windowHeight(), p.step(), p.scale(),
                    p.minSize(), p.minScore(), p.nmsIou(), p.softNms(), p.acrossClasses(), ignored, batchSize, 0,
                    maxWindows);
        } catch (IllegalArgumentException e) {
            throw new InvalidDetectionException(400, "bad-detection-parameters", e.getMessage());
        }
    }

    /** Classes not to report: all but the labels of interest, or only the background when none are named. */
    private static Set<Integer> ignored(List<String> labels, Set<String> ofInterest) {
        Set<String> unknown = new HashSet<>(ofInterest);
        unknown.removeAll(labels);
        if (!unknown.isEmpty()) {
            throw new InvalidDetectionException(400, "unknown-labels", "the model has no labels " + unknown
                    + "; its labels are " + labels);
        }
        Set<Integer> ignored = new HashSet<>();
        for (int k = 0; k < labels.size(); k++) {
            boolean wanted = ofInterest.isEmpty() ? !labels.get(k).equalsIgnoreCase(BACKGROUND)
                    : ofInterest.contains(labels.get(k));
            if (!wanted) {
                ignored.add(k);
            }
        }
        return ignored;
    }

    /** Windows go to the model's batcher one by one and are awaited together, so that they batch. */
    private static SlidingWindowDetector.BatchClassifier batch(ServedModel model) {
        int size = model.preprocessor().size();
        return (inputs, count) -> {
            List<CompletableFuture<float[]>> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] one = new float[size];
                System.arraycopy(inputs, i * size, one, 0, size);
                try {
                    pending.add(model.submit(one));
                } catch (RejectedExecutionException e) {
                    throw new InvalidDetectionException(503, "model-overloaded", "model " + model.name()
                            + " is overloaded: " + e.getMessage());
                }
            }
            float[][] out = new float[count][];
            for (int i = 0; i < count; i++) {
                try {
                    out[i] = pending.get(i).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InvalidDetectionException(503, "interrupted", "interrupted while detecting");
                } catch (ExecutionException | TimeoutException e) {
                    throw new InvalidDetectionException(503, "model-failed", "model " + model.name()
                            + " did not answer: " + e);
                }
            }
            return out;
        };
    }

    private InvalidDetectionException unavailable(String name) {
        boolean known;
        try {
            known = catalog.find(name).isPresent();
        } catch (RuntimeException e) {
            return new InvalidDetectionException(503, "registry-unavailable", "model " + name + " is not served and "
                    + "the registry cannot be read: " + e.getMessage());
        }
        if (!known) {
            return new InvalidDetectionException(400, "unknown-model", "no model named " + name);
        }
        return new InvalidDetectionException(503, "model-unavailable", serving.failure(name)
                .map(f -> "model " + name + ": " + f).orElse("model " + name + " has no current version loaded yet"));
    }
}
