package io.ocellus.trainer.nets;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.ocellus.schema.events.Activation;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;
import io.ocellus.schema.events.WeightInit;
import io.ocellus.trainer.engine.TestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetArchitectureTest {

    private static final int CLASSES = 7;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    /** Every architecture at the input sizes its documentation names, gray and RGB, with small ResNet stages. */
    static Stream<Arguments> documentedSizes() {
        return Stream.of(
                Arguments.of(Architecture.SHALLOWNET, 1, 28), Arguments.of(Architecture.SHALLOWNET, 3, 32),
                Arguments.of(Architecture.LENET, 1, 28), Arguments.of(Architecture.LENET, 3, 32),
                Arguments.of(Architecture.MINIVGGNET, 1, 28), Arguments.of(Architecture.MINIVGGNET, 3, 32),
                Arguments.of(Architecture.ALEXNET, 3, 67), Arguments.of(Architecture.ALEXNET, 3, 227),
                Arguments.of(Architecture.MINIGOOGLENET, 3, 32), Arguments.of(Architecture.MINIGOOGLENET, 1, 28),
                Arguments.of(Architecture.RESNET, 3, 32), Arguments.of(Architecture.RESNET, 1, 28),
                Arguments.of(Architecture.SQUEEZENET, 3, 64), Arguments.of(Architecture.SQUEEZENET, 3, 35));
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{2}")
    @MethodSource("documentedSizes")
    void buildsAndTakesATrainingStep(Architecture architecture, int channels, int size) {
        Net net = Architectures.of(architecture).build(smallResNet(), channels, size, size, CLASSES);

        try (Model model = Model.newInstance(architecture.value())) {
            model.setBlock(net.block());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build()))) {
                trainer.initialize(new Shape(2, channels, size, size));
                NDManager manager = trainer.getManager();
                NDArray images = manager.randomUniform(0, 1, new Shape(2, channels, size, size));
                NDArray labels = manager.create(new float[]{1, 4});
                NDArray before = firstWeight(model).duplicate();
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList logits = trainer.forward(new NDList(images));
                    assertThat(logits.singletonOrThrow().getShape()).isEqualTo(new Shape(2, CLASSES));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(labels), logits);
                    assertThat(loss.getFloat()).isFinite().isPositive();
                    collector.backward(loss);
                }
                trainer.step();
                assertThat(firstWeight(model).sub(before).abs().sum().getFloat())
                        .as("the first layer learned something").isPositive();
            }
        }
    }

    /** Every activation, batch-norm placement and initialisation builds and learns, in a net that uses them all. */
    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of(Activation.RELU, BatchNormPlacement.AFTER_ACTIVATION, WeightInit.HE),
                Arguments.of(Activation.LEAKY_RELU, BatchNormPlacement.BEFORE_ACTIVATION, WeightInit.XAVIER),
                Arguments.of(Activation.ELU, BatchNormPlacement.NONE, WeightInit.HE),
                Arguments.of(Activation.PRELU, BatchNormPlacement.AFTER_ACTIVATION, WeightInit.XAVIER));
    }

    @ParameterizedTest(name = "{0}, batch norm {1}, {2}")
    @MethodSource("options")
    void optionsShapeTheNet(Activation activation, BatchNormPlacement placement, WeightInit init) {
        NetOptions options = NetOptions.defaults().withActivation(activation).withBatchNorm(placement).withInit(init);
        Net net = Architectures.of(Architecture.MINIVGGNET).build(options, 1, 8, 8, 3);

        assertThat(net.op(firstActivation(net.block()))).hasValueSatisfying(op ->
                assertThat(((LayerOp.Activation) op).kind()).isEqualTo(activation));
        long norms = countBlocks(net.block(), ai.djl.nn.norm.BatchNorm.class);
        assertThat(norms).isEqualTo(placement == BatchNormPlacement.NONE ? 0 : 5);
        long prelus = countBlocks(net.block(), ParametricRelu.class);
        assertThat(prelus).isEqualTo(activation == Activation.PRELU ? 5 : 0);
        try (Model model = Model.newInstance("options")) {
            model.setBlock(net.block());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build()))) {
                trainer.initialize(new Shape(2, 1, 8, 8));
                NDArray x = trainer.getManager().randomUniform(0, 1, new Shape(2, 1, 8, 8));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(trainer.getManager().create(new float[]{0, 2})),
                            trainer.forward(new NDList(x)));
                    assertThat(loss.getFloat()).isFinite();
                    collector.backward(loss);
                }
                trainer.step();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void heAndXavierDrawDifferentSpreads() {
        // He: normal with variance 2 / fan_in; Xavier: uniform with variance 2 / (fan_in + fan_out)
        double he = weightStd(WeightInit.HE);
        double xavier = weightStd(WeightInit.XAVIER);
        double fanIn = 8 * 8 * 64;
        assertThat(he).isCloseTo(Math.sqrt(2 / fanIn), org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(xavier).isCloseTo(Math.sqrt(2 / (fanIn + 512)), org.assertj.core.data.Percentage.withPercentage(10));
    }

    private static double weightStd(WeightInit init) {
        Net net = Architectures.of(Architecture.MINIVGGNET).build(NetOptions.defaults().withInit(init), 1, 32, 32, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.block().initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 32, 32));
            NDArray dense = net.block().getParameters().stream()
                    .map(p -> p.getValue().getArray())
                    .filter(a -> a.getShape().equals(new Shape(512, 8 * 8 * 64)))
                    .findFirst().orElseThrow();
            return Math.sqrt(dense.sub(dense.mean()).square().mean().getFloat());
        }
    }

    private static ai.djl.nn.Block firstActivation(ai.djl.nn.Block block) {
        for (var child : block.getChildren().values()) {
            if (child instanceof ai.djl.nn.LambdaBlock || child instanceof ParametricRelu) {
                return child;
            }
            var found = firstActivation(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static long countBlocks(ai.djl.nn.Block block, Class<?> type) {
        long count = type.isInstance(block) ? 1 : 0;
        for (var child : block.getChildren().values()) {
            count += countBlocks(child, type);
        }
        return count;
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void refusesInputsBelowTheMinimumWithAReason(Architecture architecture) {
        NetArchitecture net = Architectures.of(architecture);
        int tooSmall = net.minimumInputSize() - 1;
        if (tooSmall < 1) {
            assertThat(net.build(smallResNet(), 1, 1, 1, 2).classes()).isEqualTo(2);
            return;
        }
        assertThatThrownBy(() -> net.build(smallResNet(), 3, tooSmall, 64, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + net.minimumInputSize());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"LENET", "MINIVGGNET", "ALEXNET", "MINIGOOGLENET", "SQUEEZENET"})
    void theMinimumIsTight(Architecture architecture) {
        NetArchitecture net = Architectures.of(architecture);
        int min = net.minimumInputSize();
        Layers layers = new Layers(smallResNet());
        var block = net.layout(layers, 1, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, min, min));
            assertThat(block.getOutputShapes(new Shape[]{new Shape(1, 1, min, min)})[0]).isEqualTo(new Shape(1, 3));
        }
        Layers smaller = new Layers(smallResNet());
        var tooSmall = net.layout(smaller, 1, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> {
                tooSmall.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32,
                        new Shape(1, 1, min - 1, min - 1));
                tooSmall.getOutputShapes(new Shape[]{new Shape(1, 1, min - 1, min - 1)});
                var out = tooSmall.forward(new ai.djl.training.ParameterStore(manager, false),
                        new NDList(manager.ones(new Shape(1, 1, min - 1, min - 1))), false);
                if (out.singletonOrThrow().getShape().size() == 0) {
                    throw new IllegalStateException("empty output");
                }
            }).isInstanceOf(Exception.class);
        }
    }

    @org.junit.jupiter.api.Test
    void leNetHasTheHandCountedParameters() {
        // conv 5x5x1 -> 20: 5*5*1*20 + 20; conv 5x5x20 -> 50: 5*5*20*50 + 50; 28 -> 14 -> 7, so the dense layer
        // sees 7*7*50 inputs: 2450*500 + 500; classifier 500*10 + 10
        long expected = (5 * 5 * 20 + 20) + (5 * 5 * 20 * 50 + 50) + (7 * 7 * 50 * 500 + 500) + (500 * 10 + 10);
        assertThat(expected).isEqualTo(1_256_080);
        assertThat(parameterCount(Architecture.LENET, 1, 28, 10, false)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void leNetWithAGlobalAverageHeadHasTheHandCountedParameters() {
        // the two convolutions as above; the 500-unit layer as a 1x1 convolution 50 -> 500, the classifier as one
        // 500 -> 10, whatever the input size: the average over the map has no parameters
        long expected = (5 * 5 * 20 + 20) + (5 * 5 * 20 * 50 + 50) + (50 * 500 + 500) + (500 * 10 + 10);
        NetOptions options = NetOptions.defaults().withHead(Head.GLOBAL_AVERAGE);
        assertThat(parameterCount(Architecture.LENET, options, 1, 28, 10, false)).isEqualTo(expected)
                .isEqualTo(parameterCount(Architecture.LENET, options.withPadding(Padding.VALID), 1, 32, 10, false));
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, mode = EnumSource.Mode.EXCLUDE, names = {"LENET", "MINIVGGNET"})
    void onlyLeNetAndMiniVggNetAreOfferedValidPaddingOrAGlobalAverageHead(Architecture architecture) {
        NetArchitecture net = Architectures.of(architecture);
        assertThatThrownBy(() -> net.build(smallResNet().withPadding(Padding.VALID), 3, 64, 64, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid padding (lenet and minivggnet are)");
        assertThatThrownBy(() -> net.build(smallResNet().withHead(Head.GLOBAL_AVERAGE), 3, 64, 64, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("global-average head (lenet and minivggnet are)");
    }

    @org.junit.jupiter.api.Test
    void miniVggNetWithAGlobalAverageHeadHasTheHandCountedParameters() {
        // 28x28x1, 10 classes, valid padding. Convolutions 3x3x1->32, 3x3x32->32, 3x3x32->64, 3x3x64->64 with
        // batch norm (2 learned values per channel); the 512 units as a 1x1 convolution 64 -> 512 with its batch
        // norm, the classifier as one 512 -> 10, whatever the input size
        long convs = (3 * 3 * 32 + 32) + (3 * 3 * 32 * 32 + 32) + (3 * 3 * 32 * 64 + 64) + (3 * 3 * 64 * 64 + 64);
        long norms = 2 * (32 + 32 + 64 + 64 + 512);
        long expected = convs + norms + (64 * 512 + 512) + (512 * 10 + 10);
        NetOptions options = NetOptions.defaults().withPadding(Padding.VALID).withHead(Head.GLOBAL_AVERAGE);
        assertThat(parameterCount(Architecture.MINIVGGNET, options, 1, 28, 10, false)).isEqualTo(expected)
                .isEqualTo(parameterCount(Architecture.MINIVGGNET, options, 1, 48, 10, false));
    }

    @org.junit.jupiter.api.Test
    void miniVggNetHasTheHandCountedParameters() {
        // 32x32x3, 10 classes. Convolutions: 3x3x3->32, 3x3x32->32, 3x3x32->64, 3x3x64->64 (+ biases); each is
        // followed by batch norm with 2 learned values per channel; 32 -> 16 -> 8, so the 512-unit dense layer sees
        // 8*8*64 inputs and has its own batch norm; classifier 512 -> 10
        long convs = (3 * 3 * 3 * 32 + 32) + (3 * 3 * 32 * 32 + 32) + (3 * 3 * 32 * 64 + 64) + (3 * 3 * 64 * 64 + 64);
        long convNorms = 2L * (32 + 32 + 64 + 64);
        long dense = (8 * 8 * 64 * 512 + 512) + 2 * 512 + (512 * 10 + 10);
        long expected = convs + convNorms + dense;
        assertThat(expected).isEqualTo(2_169_770);
        assertThat(parameterCount(Architecture.MINIVGGNET, 3, 32, 10, false)).isEqualTo(expected);
        // batch norm's running mean and variance are state, not learned: 2 more values per normalised channel
        assertThat(parameterCount(Architecture.MINIVGGNET, 3, 32, 10, true)).isEqualTo(expected + convNorms + 2 * 512);
    }

    private static long parameterCount(Architecture architecture, int channels, int size, int classes,
                                       boolean withRunningStatistics) {
        return parameterCount(architecture, NetOptions.defaults(), channels, size, classes, withRunningStatistics);
    }

    private static long parameterCount(Architecture architecture, NetOptions options, int channels, int size,
                                       int classes, boolean withRunningStatistics) {
        Net net = Architectures.of(architecture).build(options, channels, size, size, classes);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.block().initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, channels, size, size));
            long count = 0;
            for (Pair<String, Parameter> parameter : net.block().getParameters()) {
                if (withRunningStatistics || parameter.getValue().requiresGradient()) {
                    count += parameter.getValue().getArray().size();
                }
            }
            return count;
        }
    }

    private static NDArray firstWeight(Model model) {
        return model.getBlock().getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT && p.getValue().getArray().getShape().dimension() == 4)
                .findFirst().orElseThrow().getValue().getArray();
    }

    private static NetOptions smallResNet() {
        return NetOptions.defaults().withResidualStages(List.of(1, 2), List.of(8, 16, 32));
    }
}
