package io.ocellus.trainer.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.NetworkOptions;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freezing a body with batch normalisation and thawing it again: the frozen weights do not move, the thawed ones
 * do, and the running statistics, which are never trained, keep training possible in both phases.
 */
class FreezingTest {

    private static final int BATCH = 8;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    @Test
    void aBodyWithBatchNormalisationFreezesAndThaws() {
        ImageSet images = SyntheticShapes.dataset(10, 1, 3).train();
        int side = SyntheticShapes.SIDE;
        float[] pixels = images.slice(0, BATCH);
        float[] labels = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = images.labels()[i];
        }
        Engine.getInstance().setRandomSeed(3);
        NetOptions options = NetOptions.defaults().with(new NetworkOptions(null, null,
                BatchNormPlacement.AFTER_ACTIVATION, null, null, null, null, null, null));
        Net net = Architectures.of(Architecture.MINIVGGNET).build(options, 1, side, side, 3);
        try (Model model = Model.newInstance("freezing", Device.cpu())) {
            model.setBlock(net.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                    .optDevices(new Device[]{Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 1, side, side));
                List<Pair<String, Parameter>> parameters = net.block().getParameters().stream().toList();
                String classifier = parameters.get(parameters.size() - 1).getKey();
                Set<String> body = new HashSet<>();
                // the whole body, running statistics included, as a hand-made plan might name it
                parameters.stream().filter(p -> !p.getKey().startsWith(classifier.substring(0,
                        classifier.indexOf('_')))).forEach(p -> body.add(p.getKey()));
                String weight = body.stream().filter(name -> name.endsWith("Conv2d_weight")).findFirst().orElseThrow();
                Freezing freezing = new Freezing(body, 1, false, 0.1);

                float[] before = value(net, weight);
                freezing.apply(net, 0);
                DataParallelStep.step(trainer, List.of(Device.cpu()), 1, pixels, labels, BATCH,
                        new Shape(1, side, side));
                assertThat(value(net, weight)).as("frozen during the warm-up").isEqualTo(before);

                freezing.apply(net, 1);
                DataParallelStep.step(trainer, List.of(Device.cpu()), 1, pixels, labels, BATCH,
                        new Shape(1, side, side));
                assertThat(value(net, weight)).as("trained once thawed").isNotEqualTo(before);
                assertThat(parameters).as(parameters.stream().map(Pair::getKey).toList().toString())
                        .filteredOn(p -> p.getKey().contains("running"))
                        .isNotEmpty().allSatisfy(p -> assertThat(p.getValue().requiresGradient()).isFalse());
            }
        }
    }

    private static float[] value(Net net, String name) {
        return net.block().getParameters().get(name).getArray().toFloatArray();
    }
}
