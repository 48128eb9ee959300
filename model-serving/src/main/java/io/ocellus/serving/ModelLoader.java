package io.ocellus.serving;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.commons.storage.ObjectStoreException;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.vision.onnx.InvalidOnnxModelException;
import io.ocellus.vision.onnx.OnnxClassifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Opens a published version for serving, refusing it with a reason when its bytes are not what was published
 * (checksum), not a model (corrupt), or not the shape its description promises (input size, channels, classes).
 */
@ApplicationScoped
public class ModelLoader {

    private final ObjectStore store;
    private final ServingMetrics metrics;
    private final int threads;
    private final int maxBatch;
    private final Duration maxDelay;
    private final int queueCapacity;

    public ModelLoader(ObjectStore store, ServingMetrics metrics,
                       @ConfigProperty(name = "ocellus.serving.threads", defaultValue = "0") int threads,
                       @ConfigProperty(name = "ocellus.serving.max-batch", defaultValue = "64") int maxBatch,
                       @ConfigProperty(name = "ocellus.serving.max-delay", defaultValue = "5ms") Duration maxDelay,
                       @ConfigProperty(name = "ocellus.serving.queue-capacity", defaultValue = "4096")
                       int queueCapacity) {
        this.store = store;
        this.metrics = metrics;
        this.threads = threads;
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
        this.queueCapacity = queueCapacity;
    }


    public ServedModel load(ModelPublished version) {
        byte[] bytes;
        try {
            bytes = store.get(Buckets.MODELS, version.onnxKey());
        } catch (ObjectStoreException e) {
            if (!e.missing()) {
                // the store is down or slow, not the model at fault: the caller tries again later
                throw e;
            }
            throw new ModelLoadException("unreadable", "cannot read " + version.onnxKey() + ": " + e.getMessage(), e);
        }
        String sha256 = ContentKeys.sha256(bytes);
        if (!sha256.equals(version.sha256())) {
            throw new ModelLoadException("checksum", version.onnxKey() + " has sha256 " + sha256
                    + " but version " + version.version() + " was published with " + version.sha256(), null);
        }
        OnnxClassifier classifier;
        try {
            classifier = OnnxClassifier.open(bytes, threads);
        } catch (InvalidOnnxModelException e) {
            throw new ModelLoadException("corrupt", version.onnxKey() + ": " + e.getMessage(), e);
        }
        var shape = version.inputShape();
        if (classifier.channels() != shape.channels() || classifier.height() != shape.height()
                || classifier.width() != shape.width() || classifier.classes() != version.labels().size()) {
            String found = classifier.channels() + "x" + classifier.height() + "x" + classifier.width() + " -> "
                    + classifier.classes();
            classifier.close();
            throw new ModelLoadException("shape", version.onnxKey() + " takes and gives " + found + ", but version "
                    + version.version() + " was published as " + shape.channels() + "x" + shape.height() + "x"
                    + shape.width() + " -> " + version.labels().size() + " classes", null);
        }
        String name = version.name();
        DynamicBatcher batcher = new DynamicBatcher(classifier, maxBatch, maxDelay, queueCapacity,
                name + "-v" + version.version(), size -> metrics.batch(name, size));
        return new ServedModel(version, classifier, batcher);
    }
}
