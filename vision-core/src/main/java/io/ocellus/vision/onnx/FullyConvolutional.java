package io.ocellus.vision.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a window classifier into its fully convolutional form, so that one run over a whole image gives the
 * probabilities of every window at once: the flatten and the first dense layer become one convolution whose kernel
 * is the feature map a window produces, each later dense layer a 1x1 convolution, a global average pooling an
 * average pooling of the window's map size, and the softmax runs over the class channel. The input's height and width become free. This is exact only for nets whose every convolution
 * and pooling is unpadded ("valid") and whose operations are local; anything else is refused with the reason.
 * Output (1, classes, rows, columns): the window whose top-left corner is (column x stride, row x stride).
 */
public final class FullyConvolutional {

    /** Operations that act on each position or channel alone, and so mean the same on a whole image. */
    private static final Set<String> POINTWISE = Set.of("Relu", "LeakyRelu", "Elu", "PRelu", "BatchNormalization",
            "Identity", "Dropout");

    /** The rewritten model, the step between neighbouring windows, and the window (the classifier's input). */
    public record Dense(byte[] model, int stride, int windowWidth, int windowHeight) {
    }

    private FullyConvolutional() {
    }

    public static Dense convert(byte[] classifier) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(classifier);
        } catch (InvalidProtocolBufferException e) {
            throw new NotFullyConvolutionalException("not an ONNX model: " + e.getMessage());
        }
        OnnxMl.GraphProto graph = model.getGraph();
        if (graph.getInputCount() != 1 || graph.getOutputCount() != 1) {
            throw new NotFullyConvolutionalException("a classifier has one input and one output");
        }
        List<OnnxMl.TensorShapeProto.Dimension> in = graph.getInput(0).getType().getTensorType().getShape()
                .getDimList();
        if (in.size() != 4 || !in.get(2).hasDimValue() || !in.get(3).hasDimValue()) {
            throw new NotFullyConvolutionalException("the input must be (batch, channels, height, width)");
        }
        int windowHeight = (int) in.get(2).getDimValue();
        int windowWidth = (int) in.get(3).getDimValue();
        Map<String, OnnxMl.TensorProto> weights = new HashMap<>();
        graph.getInitializerList().forEach(tensor -> weights.put(tensor.getName(), tensor));

        OnnxMl.GraphProto.Builder dense = graph.toBuilder().clearNode().clearInitializer();
        Map<String, OnnxMl.TensorProto> rewritten = new HashMap<>(weights);
        Map<String, String> alias = new HashMap<>();
        int h = windowHeight;
        int w = windowWidth;
        int channels = (int) in.get(1).getDimValue();
        int stride = 1;
        boolean flattened = false;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            OnnxMl.NodeProto.Builder out = node.toBuilder().clearInput();
            node.getInputList().forEach(input -> out.addInput(alias.getOrDefault(input, input)));
            switch (node.getOpType()) {
                case "Conv", "MaxPool", "AveragePool" -> {
                    if (flattened) {
                        throw new NotFullyConvolutionalException(node.getOpType() + " after the flatten");
                    }
                    int[] kernel = kernel(node, weights);
                    int step = uniform(ints(node, "strides", 1), node);
                    if (ints(node, "pads", 0).stream().anyMatch(pad -> pad != 0)) {
                        throw new NotFullyConvolutionalException(node.getOpType() + " " + node.getName()
                                + " pads its input: only a net with valid padding runs densely");
                    }
                    if (ints(node, "dilations", 1).stream().anyMatch(d -> d != 1)
                            || node.getAttributeList().stream().anyMatch(a -> a.getName().equals("ceil_mode")
                            && a.getI() != 0)) {
                        throw new NotFullyConvolutionalException(node.getOpType() + " " + node.getName()
                                + " is dilated or rounds up");
                    }
                    h = (h - kernel[0]) / step + 1;
                    w = (w - kernel[1]) / step + 1;
                    stride *= step;
                    if (node.getOpType().equals("Conv")) {
                        channels = (int) weights.get(node.getInput(1)).getDims(0);
                    }
                    dense.addNode(out);
                }
                case "GlobalAveragePool" -> {
                    if (flattened) {
                        throw new NotFullyConvolutionalException("GlobalAveragePool after the flatten");
                    }
                    // a window's average over its whole map is, over an image, an average of that size at every
                    // position
                    dense.addNode(OnnxMl.NodeProto.newBuilder().setName(node.getName() + "_as_window_average")
                            .setOpType("AveragePool").addInput(out.getInput(0)).addOutput(node.getOutput(0))
                            .addAttribute(intsAttribute("kernel_shape", h, w)));
                    h = 1;
                    w = 1;
                }
                case "Flatten" -> {
                    // the dense layer that follows reads the flattened map: its input is the map itself
                    alias.put(node.getOutput(0), alias.getOrDefault(node.getInput(0), node.getInput(0)));
                    flattened = true;
                }
                case "Gemm" -> {
                    if (!flattened) {
                        throw new NotFullyConvolutionalException("a dense layer before any flatten");
                    }
                    OnnxMl.TensorProto weight = weights.get(node.getInput(1));
                    if (weight == null || node.getInputCount() < 3 || !weights.containsKey(node.getInput(2))
                            || floatAttribute(node, "alpha", 1) != 1 || floatAttribute(node, "beta", 1) != 1
                            || intAttribute(node, "transA", 0) != 0) {
                        throw new NotFullyConvolutionalException("dense layer " + node.getName()
                                + " is not x W^T + b with constant W and b");
                    }
                    boolean transposed = intAttribute(node, "transB", 0) == 1;
                    int outputs = (int) weight.getDims(transposed ? 0 : 1);
                    int inputs = (int) weight.getDims(transposed ? 1 : 0);
                    if (inputs != channels * h * w) {
                        throw new NotFullyConvolutionalException("dense layer " + node.getName() + " reads " + inputs
                                + " values, the map before it has " + channels + "x" + h + "x" + w);
                    }
                    rewritten.put(weight.getName(), kernelOf(weight, transposed, outputs, channels, h, w));
                    dense.addNode(OnnxMl.NodeProto.newBuilder().setName(node.getName() + "_as_conv")
                            .setOpType("Conv").addInput(out.getInput(0)).addInput(weight.getName())
                            .addInput(node.getInput(2)).addOutput(node.getOutput(0))
                            .addAttribute(intsAttribute("kernel_shape", h, w)));
                    channels = outputs;
                    h = 1;
                    w = 1;
                }
                case "Softmax" -> {
                    out.clearAttribute().addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                            .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1));
                    dense.addNode(out);
                }
                default -> {
                    if (!POINTWISE.contains(node.getOpType())) {
                        throw new NotFullyConvolutionalException(node.getOpType() + " " + node.getName()
                                + " is not local to a window");
                    }
                    dense.addNode(out);
                }
            }
        }
        if (!flattened) {
            throw new NotFullyConvolutionalException("no flatten and dense head: not a window classifier");
        }
        graph.getInitializerList().forEach(tensor -> dense.addInitializer(rewritten.get(tensor.getName())));
        dense.setInput(0, freeSize(graph.getInput(0), "height", "width"));
        dense.setOutput(0, freeSize4(graph.getOutput(0), channels));
        dense.clearValueInfo();
        byte[] bytes = model.toBuilder().setGraph(dense).build().toByteArray();
        return new Dense(bytes, stride, windowWidth, windowHeight);
    }

    private static int[] kernel(OnnxMl.NodeProto node, Map<String, OnnxMl.TensorProto> weights) {
        List<Long> shape = ints(node, "kernel_shape", -1);
        if (shape.size() == 2 && shape.get(0) > 0) {
            return new int[]{shape.get(0).intValue(), shape.get(1).intValue()};
        }
        OnnxMl.TensorProto weight = weights.get(node.getInput(1));
        return new int[]{(int) weight.getDims(2), (int) weight.getDims(3)};
    }

    /** A dense layer's weights as the convolution kernel over the map the flatten read (channels, height, width). */
    private static OnnxMl.TensorProto kernelOf(OnnxMl.TensorProto weight, boolean transposed, int outputs,
                                               int channels, int h, int w) {
        float[] values = floats(weight);
        float[] kernel = values;
        if (!transposed) {
            int inputs = channels * h * w;
            kernel = new float[values.length];
            for (int i = 0; i < inputs; i++) {
                for (int o = 0; o < outputs; o++) {
                    kernel[o * inputs + i] = values[i * outputs + o];
                }
            }
        }
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(weight.getName())
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .addDims(outputs).addDims(channels).addDims(h).addDims(w);
        for (float value : kernel) {
            tensor.addFloatData(value);
        }
        return tensor.build();
    }

    private static float[] floats(OnnxMl.TensorProto tensor) {
        if (tensor.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            throw new NotFullyConvolutionalException("weights " + tensor.getName() + " are not float");
        }
        if (tensor.getFloatDataCount() > 0) {
            float[] values = new float[tensor.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatData(i);
            }
            return values;
        }
        java.nio.FloatBuffer raw = tensor.getRawData().asReadOnlyByteBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] values = new float[raw.remaining()];
        raw.get(values);
        return values;
    }

    private static OnnxMl.ValueInfoProto freeSize(OnnxMl.ValueInfoProto value, String height, String width) {
        OnnxMl.ValueInfoProto.Builder info = value.toBuilder();
        OnnxMl.TensorShapeProto.Builder shape = info.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        shape.setDim(2, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(height));
        shape.setDim(3, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(width));
        return info.build();
    }

    private static OnnxMl.ValueInfoProto freeSize4(OnnxMl.ValueInfoProto value, int classes) {
        OnnxMl.ValueInfoProto.Builder info = value.toBuilder();
        OnnxMl.TensorShapeProto.Builder shape = info.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .clearDim();
        shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(classes));
        shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("rows"));
        shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("columns"));
        return info.build();
    }

    private static OnnxMl.AttributeProto intsAttribute(String name, long... values) {
        OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    private static List<Long> ints(OnnxMl.NodeProto node, String name, long absent) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(OnnxMl.AttributeProto::getIntsList).orElse(List.of(absent, absent));
    }

    private static int uniform(List<Long> values, OnnxMl.NodeProto node) {
        if (values.stream().distinct().count() != 1) {
            throw new NotFullyConvolutionalException(node.getName() + " strides differ between height and width");
        }
        return values.get(0).intValue();
    }

    private static long intAttribute(OnnxMl.NodeProto node, String name, long absent) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(OnnxMl.AttributeProto::getI).orElse(absent);
    }

    private static float floatAttribute(OnnxMl.NodeProto node, String name, float absent) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(OnnxMl.AttributeProto::getF).orElse(absent);
    }
}
