package io.ocellus.serving;

import io.ocellus.teststack.TinyClassifiers;
import io.ocellus.vision.onnx.OnnxClassifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class DynamicBatcherTest {

    private static final TinyClassifiers.Linear MODEL = TinyClassifiers.Linear.random(1, 4, 4, 3, 5);

    @Test
    void queuedSamplesRunTogetherAndEachGetsItsOwnRow() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            DynamicBatcher batcher = new DynamicBatcher(classifier, 8, Duration.ofMillis(200), 100, "test", sizes::add);
            List<float[]> inputs = new ArrayList<>();
            List<CompletableFuture<float[]>> results = new ArrayList<>();
            Random random = new Random(1);
            for (int i = 0; i < 20; i++) {
                float[] x = new float[16];
                for (int j = 0; j < x.length; j++) {
                    x[j] = random.nextFloat();
                }
                inputs.add(x);
                results.add(batcher.submit(x));
            }
            for (int i = 0; i < inputs.size(); i++) {
                double[] expected = MODEL.expected(inputs.get(i));
                float[] got = results.get(i).get();
                for (int k = 0; k < expected.length; k++) {
                    assertThat((double) got[k]).isCloseTo(expected[k], offset(1e-5));
                }
            }
            batcher.close();
        }
        // 20 samples queued at once with room for 8 per run: never more than 8, and far fewer runs than samples
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
        assertThat(sizes.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void aBatchAfterALargerOneGetsOnlyItsOwnSamples() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            DynamicBatcher batcher = new DynamicBatcher(classifier, 8, Duration.ofMillis(100), 100, "reuse",
                    sizes::add);
            Random random = new Random(3);
            // the worker keeps one buffer: a small batch after a large one must not see the large one's tail
            for (int wave : new int[] {1, 8, 3, 8, 1}) {
                List<float[]> inputs = new ArrayList<>();
                List<CompletableFuture<float[]>> results = new ArrayList<>();
                for (int i = 0; i < wave; i++) {
                    float[] x = new float[16];
                    for (int j = 0; j < x.length; j++) {
                        x[j] = random.nextFloat() * 4 - 2;
                    }
                    inputs.add(x);
                    results.add(batcher.submit(x));
                }
                for (int i = 0; i < wave; i++) {
                    double[] expected = MODEL.expected(inputs.get(i));
                    float[] got = results.get(i).get();
                    for (int k = 0; k < expected.length; k++) {
                        assertThat((double) got[k]).as("wave %d, sample %d", wave, i)
                                .isCloseTo(expected[k], offset(1e-5));
                    }
                }
            }
            batcher.close();
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(21);
    }

    @Test
    void refusesASampleOfTheWrongSize() throws Exception {
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            DynamicBatcher batcher = new DynamicBatcher(classifier, 4, Duration.ofMillis(10), 100, "size", s -> {
            });
            assertThatThrownBy(() -> batcher.submit(new float[15])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 16 values, got 15");
            // the worker is unharmed
            assertThat(batcher.submit(new float[16]).get()).hasSize(3);
            batcher.close();
        }
    }

    @Test
    void maxBatchOneRunsSamplesAlone() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            DynamicBatcher batcher = new DynamicBatcher(classifier, 1, Duration.ofMillis(50), 100, "one", sizes::add);
            List<CompletableFuture<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(batcher.submit(new float[16]));
            }
            for (CompletableFuture<float[]> result : results) {
                assertThat(result.get()).hasSize(3);
            }
            batcher.close();
        }
        assertThat(sizes).containsOnly(1).hasSize(6);
    }

    @Test
    void aClosedBatcherFinishesWhatQueuedAndRefusesMore() throws Exception {
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            DynamicBatcher batcher = new DynamicBatcher(classifier, 4, Duration.ofMillis(300), 100, "drain", s -> {
            });
            CompletableFuture<float[]> queued = batcher.submit(new float[16]);
            batcher.close();
            assertThat(queued).isCompleted();
            assertThat(queued.get()).hasSize(3);
            assertThatThrownBy(() -> batcher.submit(new float[16])).isInstanceOf(RejectedExecutionException.class);
        }
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowing() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            // the worker stops in the batch-size callback of its first run, so that it takes nothing more from
            // the queue while the test fills it
            DynamicBatcher batcher = new DynamicBatcher(classifier, 1, Duration.ofMillis(10), 2, "full", s -> {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<float[]> first = batcher.submit(new float[16]);
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<float[]> second = batcher.submit(new float[16]);
            CompletableFuture<float[]> third = batcher.submit(new float[16]);
            assertThatThrownBy(() -> batcher.submit(new float[16])).isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("queue is full (2 samples waiting)");
            release.countDown();
            // what the queue took is answered once the worker goes on
            assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(3);
            assertThat(second.get(30, TimeUnit.SECONDS)).hasSize(3);
            assertThat(third.get(30, TimeUnit.SECONDS)).hasSize(3);
            batcher.close();
        }
    }
}
