package io.ocellus.trainer.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.ocellus.schema.events.Architecture;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A batch split into slices (one per device on a multi-GPU node) takes the same step as the whole batch: each
 * slice's loss is weighted by its share, so the summed gradients are the whole batch's. Checked here by splitting
 * on the CPU, where the only difference is the split.
 */
class DataParallelStepTest {

    private static final int BATCH = 13;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    @Test
    void aBatchSplitIntoSlicesStepsExactlyLikeTheWholeBatch() {
        ImageSet images = SyntheticShapes.dataset(10, 1, 3).train();
        float[] pixels = images.slice(0, BATCH);
        float[] labels = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = images.labels()[i];
        }

        double[][] whole = stepAndParameters(pixels, labels, 1);
        double[][] sliced = stepAndParameters(pixels, labels, 3);

        assertThat(sliced[0][0]).as("mean loss").isCloseTo(whole[0][0], within(1e-5));
        assertThat(sliced[0][1]).as("correct predictions").isEqualTo(whole[0][1]);
        assertThat(sliced[1]).as("parameters after the step").hasSameSizeAs(whole[1]);
        for (int i = 0; i < whole[1].length; i++) {
            assertThat(sliced[1][i]).as("parameter value %d", i).isCloseTo(whole[1][i], within(1e-5));
        }
        assertThat(whole[1]).as("the step moved the parameters").isNotEqualTo(whole[2]);
    }

    /** {loss, correct}, the parameters after one step in {@code slices}, and the parameters before it. */
    private static double[][] stepAndParameters(float[] pixels, float[] labels, int slices) {
        int side = SyntheticShapes.SIDE;
        Engine.getInstance().setRandomSeed(11);
        Net net = Architectures.of(Architecture.SHALLOWNET).build(NetOptions.defaults(), 1, side, side, 3);
        try (Model model = Model.newInstance("split", Device.cpu())) {
            model.setBlock(net.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                    .optDevices(new Device[]{Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 1, side, side));
                double[] before = parameters(net);
                double[] result = DataParallelStep.step(trainer, List.of(Device.cpu()), slices, pixels, labels,
                        BATCH, new Shape(1, side, side));
                return new double[][]{result, parameters(net), before};
            }
        }
    }

    private static double[] parameters(Net net) {
        return net.block().getParameters().values().stream()
                .flatMap(p -> {
                    float[] values = p.getArray().toFloatArray();
                    Double[] boxed = new Double[values.length];
                    for (int i = 0; i < values.length; i++) {
                        boxed[i] = (double) values[i];
                    }
                    return Arrays.stream(boxed);
                }).mapToDouble(Double::doubleValue).toArray();
    }
}
