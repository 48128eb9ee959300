package io.ocellus.trainer.training;

import ai.djl.Device;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.EarlyStopping;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.ResumeSpec;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.job.JobSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingRunTest {

    private static final LoadedDataset SHAPES = SyntheticShapes.dataset(60, 20, 7);

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    @Test
    void learnsTheShapesAndScoresTheTestSplit() {
        Recorder recorder = new Recorder();
        TrainingOutcome outcome = run(request(4, 0.05, null, null), recorder, null);

        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(outcome.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4);
        assertThat(recorder.checkpoints).containsOnlyKeys(1, 2, 3, 4);
        assertThat(outcome.history().get(3).trainLoss()).isLessThan(outcome.history().get(0).trainLoss());
        assertThat(outcome.test().rank1()).isGreaterThanOrEqualTo(0.95);
        assertThat(outcome.test().rank5()).as("three classes: no rank-5").isNull();
        long[][] confusion = outcome.test().confusion();
        assertThat(confusion[0][0] + confusion[0][1] + confusion[0][2]).isEqualTo(20);
        assertThat(outcome.test().classScore(1).recall()).isGreaterThan(0.9);
        assertThat(recorder.batches).as("3 batches of 64, 64 and 52 per epoch").isEqualTo(12);
    }

    /** The service trains on its own worker thread, where PyTorch's grad mode starts out on. */
    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void everyOptimizerTrainsOnAWorkerThread(Optimizer optimizer) throws Exception {
        TrainingRequested request = TrainingRequested.of("job-" + optimizer.value(), "shapes",
                Architecture.SHALLOWNET, new InputShape(1, SyntheticShapes.SIDE, SyntheticShapes.SIDE),
                new HyperParameters(2, 32, optimizer, optimizer == Optimizer.SGD ? 0.1 : 0.01, 0.9, 1e-4, 3L), null,
                null, null, null, null, Instant.now());
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            TrainingOutcome outcome = worker.submit(() -> run(request, new Recorder(), null)).get();
            assertThat(outcome.status()).as(outcome.reason()).isEqualTo(TrainingStatus.COMPLETED);
            assertThat(outcome.history().get(1).trainLoss()).isLessThan(outcome.history().get(0).trainLoss());
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void resumesFromACheckpointWithTheSameWeightsAndTheNewRate() {
        Recorder first = new Recorder();
        run(request(2, 0.05, null, null), first, null);
        double epochOneValLoss = first.epochs.get(0).valLoss();

        // resume after epoch 1 with a rate so small that epoch 2 cannot move the weights measurably
        Recorder resumed = new Recorder();
        TrainingOutcome outcome = run(request(2, 0.05, null, new ResumeSpec("job-1", 1, 1e-9)), resumed,
                first.checkpoints.get(1));

        assertThat(outcome.history()).extracting(EpochMetrics::epoch).containsExactly(2);
        assertThat(outcome.history().get(0).learningRate()).isCloseTo(1e-9, within(1e-15));
        assertThat(outcome.history().get(0).valLoss()).as("same weights as the epoch-1 checkpoint")
                .isCloseTo(epochOneValLoss, within(1e-5));
        Recorder fresh = new Recorder();
        run(request(1, 1e-9, null, null), fresh, null);
        assertThat(fresh.epochs.get(0).valLoss()).as("fresh weights score differently")
                .isNotCloseTo(epochOneValLoss, within(1e-3));
    }

    @Test
    void stopsEarlyAndRestoresTheBestEpoch() {
        // a rate far too high for Adam makes validation loss jump about, so patience 0 stops it soon
        Recorder recorder = new Recorder();
        TrainingOutcome outcome = run(request(30, 0.05, new EarlyStopping("val_loss", 0, true), null), recorder, null);

        assertThat(outcome.status()).isEqualTo(TrainingStatus.EARLY_STOPPED);
        assertThat(outcome.history().size()).isLessThan(30);
        EpochMetrics best = outcome.history().stream().min((a, b) -> Double.compare(a.valLoss(), b.valLoss()))
                .orElseThrow();
        assertThat(outcome.finalEpoch()).isEqualTo(best.epoch());
        assertThat(outcome.parameters()).isEqualTo(recorder.checkpoints.get(best.epoch()));
        assertThat(outcome.reason()).contains("restored epoch " + best.epoch());
    }

    @Test
    void aRunawayRateIsReportedAsDiverged() {
        TrainingOutcome outcome = run(request(3, 1e6, null, null), new Recorder(), null);

        assertThat(outcome.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(outcome.reason()).contains("lower the learning rate");
    }

    @Test
    void cancellationStopsBetweenBatches() {
        TrainingOutcome outcome = new TrainingRun(JobSpec.from(request(5, 0.05, null, null)), SHAPES, Device.cpu(),
                () -> true, new Recorder()).run(null);

        assertThat(outcome.status()).isEqualTo(TrainingStatus.CANCELLED);
        assertThat(outcome.history()).isEmpty();
    }

    private static TrainingOutcome run(TrainingRequested request, Recorder recorder, byte[] start) {
        return new TrainingRun(JobSpec.from(request), SHAPES, Device.cpu(), () -> false, recorder).run(start);
    }

    private static TrainingRequested request(int epochs, double rate, EarlyStopping stopping, ResumeSpec resume) {
        Optimizer optimizer = stopping != null ? Optimizer.ADAM : Optimizer.MOMENTUM;
        return TrainingRequested.of("job-1", "shapes", Architecture.SHALLOWNET,
                new InputShape(1, SyntheticShapes.SIDE, SyntheticShapes.SIDE),
                new HyperParameters(epochs, 64, optimizer, rate, 0.9, null, 11L), null, null, stopping, null, resume,
                Instant.now());
    }

    private static final class Recorder implements TrainingListener {
        final List<EpochMetrics> epochs = new ArrayList<>();
        final Map<Integer, byte[]> checkpoints = new TreeMap<>();
        int batches;

        @Override
        public void onBatch(int epoch, int batch, int total, double loss, double accuracy, double imagesPerSecond) {
            batches++;
        }

        @Override
        public void onEpoch(EpochMetrics metrics, byte[] checkpoint) {
            epochs.add(metrics);
            checkpoints.put(metrics.epoch(), checkpoint);
        }
    }
}
