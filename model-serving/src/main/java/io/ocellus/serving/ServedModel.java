package io.ocellus.serving;

import io.ocellus.schema.events.ModelPublished;
import io.ocellus.vision.Preprocessor;
import io.ocellus.vision.onnx.OnnxClassifier;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One loaded model version: its registry description, the shared preprocessor configured as in training, and its
 * ONNX Runtime session behind a dynamic batcher. Requests hold a lease while they use it; once retired (a newer
 * version took its place) it closes its session when the last lease is returned, so no request fails in a swap.
 */
public final class ServedModel {

    private final ModelPublished description;
    private final Preprocessor preprocessor;
    private final OnnxClassifier classifier;
    private final DynamicBatcher batcher;
    private final Instant loadedAt = Instant.now();
    private int leases;
    private boolean retired;
    private boolean closed;

    ServedModel(ModelPublished description, OnnxClassifier classifier, DynamicBatcher batcher) {
        this.description = description;
        this.classifier = classifier;
        this.batcher = batcher;
        this.preprocessor = new Preprocessor(description.inputShape().channels(), description.preprocessing());
    }

    public ModelPublished description() {
        return description;
    }

    public String name() {
        return description.name();
    }

    public int version() {
        return description.version();
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public int queueDepth() {
        return batcher.queueDepth();
    }

    /** One sample's class probabilities, computed in whatever batch it lands in. */
    public CompletableFuture<float[]> submit(float[] input) {
        return batcher.submit(input);
    }

    /** Takes a lease; false once the model is retired, so the caller asks for the current one again. */
    synchronized boolean acquire() {
        if (retired) {
            return false;
        }
        leases++;
        return true;
    }

    void release() {
        boolean close;
        synchronized (this) {
            leases--;
            close = retired && leases == 0 && !closed;
            closed |= close;
        }
        if (close) {
            shutDown();
        }
    }

    /** No new leases; the session closes once the leases out now are returned (at once when there are none). */
    void retire() {
        boolean close;
        synchronized (this) {
            retired = true;
            close = leases == 0 && !closed;
            closed |= close;
        }
        if (close) {
            shutDown();
        }
    }


    private void shutDown() {
        batcher.close();
        classifier.close();
    }
}
