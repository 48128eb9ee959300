package io.ocellus.vision.onnx;

import ai.onnx.proto.OnnxMl;
import io.ocellus.vision.arithmetic.ReferenceOps;
import io.ocellus.vision.arithmetic.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small ONNX model the serving services run before they serve: the operators the trainer exports, on LeNet's
 * own shapes where they matter (a 20 to 50 channel 5x5 convolution on 14x14 maps, whose channel counts are not
 * multiples of a vector block), with fixed pseudo-random weights and input, and the float64 reference result of
 * every node. Every node's output is also a graph output, so that a wrong result names its operator.
 */
final class SelfTestModel {

    static final int BATCH = 2;
    static final String INPUT = "x";
    static final String PROBABILITIES = "probabilities";
    private static final long SEED = 20_261_204L;
    private static final float EPSILON = 1e-5f;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("ocellus-self-test");
    private final Map<String, Tensor> expected = new LinkedHashMap<>();
    private final Map<String, String> operators = new LinkedHashMap<>();
    private final List<String> nodeOrder = new ArrayList<>();
    private final Tensor input = Tensor.random(SEED, 1, BATCH, 1, 28, 28);
    private long seed = SEED;

    SelfTestModel() {
        graph.addInput(valueInfo(INPUT, input.shape()));
        Tensor conv1 = conv("conv1", INPUT, input, 20, 5, 1, 2);
        Tensor relu1 = node("relu1", "Relu", "Relu", List.of("conv1"), List.of(), ReferenceOps.relu(conv1));
        Tensor pool1 = node("pool1", "MaxPool 2x2 stride 2", "MaxPool", List.of("relu1"),
                List.of(ints("kernel_shape", 2, 2), ints("strides", 2, 2)), ReferenceOps.maxPool2d(relu1, 2, 2, 0));
        Tensor conv2 = conv("conv2", "pool1", pool1, 50, 5, 1, 2);
        Tensor gamma = constant("bn2.gamma", Tensor.random(++seed, 0.2, 50), 1);
        Tensor beta = constant("bn2.beta", Tensor.random(++seed, 0.1, 50), 0);
        Tensor mean = constant("bn2.mean", Tensor.random(++seed, 0.1, 50), 0);
        Tensor variance = constant("bn2.variance", Tensor.random(++seed, 0.2, 50), 1);
        Tensor bn2 = node("bn2", "BatchNormalization", "BatchNormalization",
                List.of("conv2", "bn2.gamma", "bn2.beta", "bn2.mean", "bn2.variance"),
                List.of(floatAttribute("epsilon", EPSILON)),
                ReferenceOps.batchNorm(conv2, gamma, beta, mean.data(), variance.data(), EPSILON));
        Tensor leaky2 = node("leaky2", "LeakyRelu 0.1", "LeakyRelu", List.of("bn2"),
                List.of(floatAttribute("alpha", 0.1f)), ReferenceOps.leakyRelu(bn2, 0.1f));
        Tensor pool2 = node("pool2", "MaxPool 3x3 stride 2 pad 1", "MaxPool", List.of("leaky2"),
                List.of(ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)),
                ReferenceOps.maxPool2d(leaky2, 3, 2, 1));
        Tensor conv3 = conv("conv3", "pool2", pool2, 16, 3, 2, 1);
        Tensor elu3 = node("elu3", "Elu 1.0", "Elu", List.of("conv3"), List.of(floatAttribute("alpha", 1f)),
                ReferenceOps.elu(conv3, 1));
        node("gap3", "GlobalAveragePool", "GlobalAveragePool", List.of("elu3"), List.of(),
                ReferenceOps.globalAveragePool(elu3));
        Tensor avg3 = node("avg3", "AveragePool 2x2 stride 2", "AveragePool", List.of("elu3"),
                List.of(ints("kernel_shape", 2, 2), ints("strides", 2, 2)), ReferenceOps.avgPool2d(elu3, 2, 2));
        Tensor flat = node("flat", "Flatten", "Flatten", List.of("avg3"), List.of(intAttribute("axis", 1)),
                avg3.reshape(BATCH, avg3.size() / BATCH));
        Tensor weight = constant("dense.weight", Tensor.random(++seed, 0.3, 10, flat.dim(1)), 0);
        Tensor bias = constant("dense.bias", Tensor.random(++seed, 0.1, 10), 0);
        Tensor logits = node("logits", "Gemm " + flat.dim(1) + "->10", "Gemm", List.of("flat", "dense.weight",
                "dense.bias"), List.of(intAttribute("transB", 1)), ReferenceOps.dense(flat, weight, bias));
        node(PROBABILITIES, "Softmax", "Softmax", List.of("logits"), List.of(intAttribute("axis", 1)),
                ReferenceOps.softmax(logits));
    }

    Tensor input() {
        return input;
    }

    /** Node output names in graph order, with the reference result of each. */
    Map<String, Tensor> expected() {
        return expected;
    }

    /** What each node output computes, as a report names it. */
    String operator(String output) {
        return operators.get(output);
    }

    /** The model with every node output as a graph output ({@code allOutputs}), or only the probabilities. */
    byte[] bytes(boolean allOutputs) {
        OnnxMl.GraphProto.Builder copy = graph.clone();
        for (String name : nodeOrder) {
            if (allOutputs || name.equals(PROBABILITIES)) {
                copy.addOutput(valueInfo(name, expected.get(name).shape()));
            }
        }
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ocellus-self-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(copy).build().toByteArray();
    }

    private Tensor conv(String name, String from, Tensor x, int filters, int kernel, int stride, int pad) {
        int channels = x.dim(1);
        double scale = Math.sqrt(2.0 / (channels * kernel * kernel));
        Tensor weight = constant(name + ".weight", Tensor.random(++seed, scale, filters, channels, kernel, kernel), 0);
        Tensor bias = constant(name + ".bias", Tensor.random(++seed, 0.1, filters), 0);
        String operator = "Conv " + channels + "->" + filters + " " + kernel + "x" + kernel
                + (stride > 1 ? " stride " + stride : "") + (pad > 0 ? " pad " + pad : "");
        return node(name, operator, "Conv", List.of(from, name + ".weight", name + ".bias"),
                List.of(ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
                        ints("pads", pad, pad, pad, pad)), ReferenceOps.conv2d(x, weight, bias, stride, pad));
    }

    /** A weight: {@code values} with |v| added to {@code offset} where positivity matters (scales, variances). */
    private Tensor constant(String name, Tensor values, double offset) {
        Tensor tensor = values;
        if (offset != 0) {
            double[] data = values.data().clone();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (offset + Math.abs(data[i]));
            }
            tensor = new Tensor(values.shape(), data);
        }
        OnnxMl.TensorProto.Builder proto = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        for (int dim : tensor.shape()) {
            proto.addDims(dim);
        }
        for (float v : tensor.toFloats()) {
            proto.addFloatData(v);
        }
        graph.addInitializer(proto);
        return tensor;
    }

    private Tensor node(String output, String operator, String opType, List<String> inputs,
                        List<OnnxMl.AttributeProto> attributes, Tensor reference) {
        graph.addNode(OnnxMl.NodeProto.newBuilder().setName(output).setOpType(opType).addAllInput(inputs)
                .addOutput(output).addAllAttribute(attributes));
        expected.put(output, reference);
        operators.put(output, operator);
        nodeOrder.add(output);
        return reference;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int[] shape) {
        OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder();
        for (int dim : shape) {
            dims.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(dims))).build();
    }

    private static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }

    private static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    private static OnnxMl.AttributeProto floatAttribute(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }
}
