package io.ocellus.serving;

import io.ocellus.vision.onnx.OnnxClassifier;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Dynamic batching for one model session: requests queue one sample each, and a worker runs whatever has queued
 * as one batch once {@code maxBatch} samples are waiting or the oldest has waited {@code maxDelay}. A closed
 * batcher takes no new samples but finishes the queued ones before its worker stops. The worker gathers each batch
 * into one direct buffer that it keeps (grown to the largest batch it has run), which ONNX Runtime reads in place:
 * a new array per batch would be a large, short-lived allocation plus a copy into native memory every time.
 */
final class DynamicBatcher implements AutoCloseable {

    private record Pending(float[] input, CompletableFuture<float[]> result) {
    }

    private final OnnxClassifier classifier;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final BlockingQueue<Pending> queue;
    private final IntConsumer batchSizes;
    private final Thread worker;
    private FloatBuffer staging = FloatBuffer.allocate(0);
    private volatile boolean closed;

    DynamicBatcher(OnnxClassifier classifier, int maxBatch, Duration maxDelay, int capacity, String name,
                   IntConsumer batchSizes) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max-batch must be >= 1, got " + maxBatch);
        }
        this.classifier = classifier;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = batchSizes;
        this.worker = new Thread(this::work, "batcher-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Queues one sample (CHW, the model's sample size) and answers with its output row; refuses when closed or the
     * queue is full.
     */
    CompletableFuture<float[]> submit(float[] input) {
        if (input.length != classifier.sampleSize()) {
            throw new IllegalArgumentException("a sample of this model has " + classifier.sampleSize()
                    + " values, got " + input.length);
        }
        if (closed) {
            throw new RejectedExecutionException("the model session is closing");
        }
        CompletableFuture<float[]> result = new CompletableFuture<>();
        if (!queue.offer(new Pending(input, result))) {
            throw new RejectedExecutionException("the model's queue is full (" + queue.size() + " samples waiting)");
        }
        return result;
    }

    int queueDepth() {
        return queue.size();
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxDelayNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new RejectedExecutionException("the model session closed"));
        }
    }

    private void run(List<Pending> batch) {
        FloatBuffer inputs = staging(batch.size() * classifier.sampleSize());
        for (Pending pending : batch) {
            inputs.put(pending.input());
        }
        inputs.flip();
        try {
            float[][] outputs = classifier.classify(inputs, batch.size());
            batchSizes.accept(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outputs[i]);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** The worker's buffer, cleared, with room for {@code values}; only the worker thread calls this. */
    private FloatBuffer staging(int values) {
        if (staging.capacity() < values) {
            staging = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        staging.clear();
        return staging;
    }

    /** Stops taking samples, lets the worker finish the queued ones, then waits for it. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
