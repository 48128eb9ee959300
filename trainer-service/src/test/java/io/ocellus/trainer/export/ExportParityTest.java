package io.ocellus.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.ocellus.schema.events.Activation;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.vision.onnx.OnnxClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportParityTest {

    private static final int CLASSES = 5;
    private static final int SAMPLES = 12;
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<Arguments> nets() {
        NetOptions defaults = NetOptions.defaults().withResidualStages(List.of(1, 2), List.of(8, 16, 32));
        return Stream.of(
                Arguments.of(Architecture.SHALLOWNET, defaults, 1, 28),
                Arguments.of(Architecture.LENET, defaults, 1, 28),
                Arguments.of(Architecture.MINIVGGNET, defaults, 3, 32),
                Arguments.of(Architecture.ALEXNET, defaults, 3, 67),
                Arguments.of(Architecture.MINIGOOGLENET, defaults, 3, 32),
                Arguments.of(Architecture.RESNET, defaults, 3, 32),
                Arguments.of(Architecture.SQUEEZENET, defaults, 3, 35),
                Arguments.of(Architecture.MINIVGGNET, defaults.withActivation(Activation.LEAKY_RELU)
                        .withBatchNorm(BatchNormPlacement.BEFORE_ACTIVATION), 1, 28),
                Arguments.of(Architecture.LENET, defaults.withActivation(Activation.ELU), 1, 28),
                Arguments.of(Architecture.LENET, defaults.withHead(Head.GLOBAL_AVERAGE), 1, 28),
                Arguments.of(Architecture.LENET, defaults.withPadding(Padding.VALID).withHead(Head.GLOBAL_AVERAGE), 1,
                        32),
                Arguments.of(Architecture.MINIVGGNET, defaults.withActivation(Activation.PRELU), 1, 16),
                Arguments.of(Architecture.MINIVGGNET, defaults.withPadding(Padding.VALID)
                        .withHead(Head.GLOBAL_AVERAGE), 1, 28),
                Arguments.of(Architecture.RESNET, defaults.withBatchNorm(BatchNormPlacement.NONE), 1, 20));
    }

    @ParameterizedTest(name = "{0} {2}x{3}x{3} {1}")
    @MethodSource("nets")
    void exportMatchesDjl(Architecture architecture, NetOptions options, int channels, int size) {
        Net net = randomNet(architecture, options, channels, size);
        byte[] onnx = new OnnxExporter().export(net, architecture.value(), Map.of("ocellus.test", "yes"))
                .toByteArray();

        ParityReport report = ExportParity.check(net, onnx, randomInputs(net, SAMPLES, 7), SAMPLES);

        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.maxAbsoluteDifference()).isLessThanOrEqualTo(ExportParity.TOLERANCE);
        try (OnnxClassifier classifier = OnnxClassifier.open(onnx, 1)) {
            assertThat(classifier.channels()).isEqualTo(channels);
            assertThat(classifier.height()).isEqualTo(size);
            assertThat(classifier.classes()).isEqualTo(CLASSES);
            assertThat(classifier.metadata()).containsEntry("ocellus.test", "yes");
            float[][] probabilities = classifier.classify(randomInputs(net, 3, 11), 3);
            for (float[] row : probabilities) {
                double sum = 0;
                for (float p : row) {
                    sum += p;
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void modelDeclaresOpsetDynamicBatchAndImageInput() throws Exception {
        Net net = randomNet(Architecture.LENET, NetOptions.defaults(), 1, 28);
        OnnxMl.ModelProto model = new OnnxExporter().export(net, "lenet", Map.of());

        assertThat(model.getOpsetImportList()).singleElement()
                .satisfies(opset -> assertThat(opset.getVersion()).isGreaterThanOrEqualTo(13));
        OnnxMl.TensorShapeProto input = model.getGraph().getInput(0).getType().getTensorType().getShape();
        assertThat(input.getDim(0).getDimParam()).isEqualTo("batch");
        assertThat(List.of(input.getDim(1).getDimValue(), input.getDim(2).getDimValue(),
                input.getDim(3).getDimValue())).containsExactly(1L, 28L, 28L);
        assertThat(model.getGraph().getOutput(0).getName()).isEqualTo(OnnxExporter.OUTPUT);
        assertThat(model.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsSubsequence("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm",
                        "Relu", "Gemm", "Softmax");
        // the dynamic batch dimension really is dynamic: one model runs batches of 1 and of 9
        try (OnnxClassifier classifier = OnnxClassifier.open(model.toByteArray(), 1)) {
            assertThat(classifier.classify(randomInputs(net, 1, 1), 1)).hasNumberOfRows(1);
            assertThat(classifier.classify(randomInputs(net, 9, 2), 9)).hasNumberOfRows(9);
        }
    }

    @Test
    void gateFailsWhenTheExportDiffers() {
        Net net = randomNet(Architecture.LENET, NetOptions.defaults(), 1, 28);
        OnnxMl.ModelProto model = new OnnxExporter().export(net, "lenet", Map.of());
        float[] inputs = randomInputs(net, SAMPLES, 3);
        int rarest = rarestTopClass(model.toByteArray(), inputs);
        // raise the least predicted class's bias in the file only (the DJL net keeps the original), so that the
        // file predicts that class everywhere while the net does not
        OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
        int last = -1;
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            if (graph.getInitializer(i).getName().startsWith("dense_bias")) {
                last = i;
            }
        }
        OnnxMl.TensorProto bias = graph.getInitializer(last);
        ByteBuffer values = ByteBuffer.allocate(bias.getRawData().size()).order(ByteOrder.LITTLE_ENDIAN);
        values.put(bias.getRawData().asReadOnlyByteBuffer());
        values.putFloat(4 * rarest, values.getFloat(4 * rarest) + 100f);
        graph.setInitializer(last, bias.toBuilder().setRawData(ByteString.copyFrom(values.array())));
        byte[] tampered = model.toBuilder().setGraph(graph).build().toByteArray();

        ParityReport report = ExportParity.check(net, tampered, inputs, SAMPLES);

        assertThat(report.passed()).isFalse();
        assertThat(report.maxAbsoluteDifference()).isGreaterThan(ExportParity.TOLERANCE);
        assertThat(report.top1Mismatches()).isPositive();
    }

    private static int rarestTopClass(byte[] onnx, float[] inputs) {
        int[] counts = new int[CLASSES];
        try (OnnxClassifier classifier = OnnxClassifier.open(onnx, 1)) {
            for (float[] p : classifier.classify(inputs, SAMPLES)) {
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    best = p[k] > p[best] ? k : best;
                }
                counts[best]++;
            }
        }
        int rarest = 0;
        for (int k = 1; k < CLASSES; k++) {
            rarest = counts[k] < counts[rarest] ? k : rarest;
        }
        return rarest;
    }

    /** A net with random weights, and batch-norm statistics moved away from (0, 1) so that they matter. */
    private static Net randomNet(Architecture architecture, NetOptions options, int channels, int size) {
        Net net = Architectures.of(architecture).build(options, channels, size, size, CLASSES);
        Block block = net.block();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
        Random random = new Random(architecture.ordinal());
        perturbNormalisation(block, random);
        return net;
    }

    private static void perturbNormalisation(Block block, Random random) {
        if (block instanceof BatchNorm) {
            for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
                NDArray array = parameter.getValue().getArray();
                float[] values = new float[(int) array.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = switch (parameter.getKey()) {
                        case "runningVar", "gamma" -> 0.5f + random.nextFloat();
                        default -> (random.nextFloat() - 0.5f) * 0.4f;
                    };
                }
                array.set(values);
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            perturbNormalisation(child.getValue(), random);
        }
    }

    private static float[] randomInputs(Net net, int count, long seed) {
        Random random = new Random(seed);
        float[] inputs = new float[count * (int) net.inputShape().size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        return inputs;
    }
}
