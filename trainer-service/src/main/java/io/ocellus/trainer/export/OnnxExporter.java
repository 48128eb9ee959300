package io.ocellus.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.onnx.proto.OnnxMl;
import io.ocellus.trainer.nets.LayerOp;
import io.ocellus.trainer.nets.Layers;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.ParametricRelu;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained {@link Net} as an ONNX model: it walks the DJL block tree, turning weighted blocks into
 * operators with their weights as initializers and the parameter-free blocks into the operators {@link Layers}
 * recorded for them. The model takes {@code input} (batch, channels, height, width) with a dynamic batch and
 * yields {@code probabilities} (batch, classes), the softmax of the net's logits. Dropout is the identity at
 * inference and is left out.
 */
public final class OnnxExporter {

    /** The operator set the models are written in. */
    public static final int OPSET = 13;
    /** ONNX IR version 8 (ONNX 1.10 and later), which every ONNX Runtime since 1.10 reads. */
    static final long IR_VERSION = 8;
    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    static final String PRODUCER = "ocellus";

    /** The ONNX model of {@code net} (whose parameters must be initialised), with {@code metadata} attached. */
    public OnnxMl.ModelProto export(Net net, String graphName, Map<String, String> metadata) {
        ONNXContext context = new ONNXContext();
        context.setName(graphName);
        int channels = (int) net.inputShape().get(0);
        ONNXPlaceholder input = context.floatInput(INPUT, channels);
        ONNXPlaceholder output = context.floatOutput(OUTPUT, net.classes());
        ONNXRef<?> logits = new Walk(net, context).emit(net.block(), input);
        context.operation(ONNXOperators.SOFTMAX, List.of(logits), "softmax", Map.of("axis", 1)).assignTo(output);

        OnnxMl.GraphProto graph = withImageInput(context.buildGraph(), net);
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setProducerVersion(BuildInfo.version())
                .setModelVersion(1)
                .setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        metadata.forEach((key, value) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }

    /** The builder declares inputs as (batch, features); an image net takes (batch, channels, height, width). */
    private static OnnxMl.GraphProto withImageInput(OnnxMl.GraphProto graph, Net net) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int axis = 0; axis < 3; axis++) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(net.inputShape().get(axis)));
        }
        OnnxMl.ValueInfoProto input = OnnxMl.ValueInfoProto.newBuilder().setName(INPUT)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
        return graph.toBuilder().clearInput().addInput(input).build();
    }

    /** One export: the graph under construction and the net whose recorded operations it reads. */
    private static final class Walk {
        private final Net net;
        private final ONNXContext context;

        Walk(Net net, ONNXContext context) {
            this.net = net;
            this.context = context;
        }

        ONNXRef<?> emit(Block block, ONNXRef<?> in) {
            var recorded = net.op(block);
            if (recorded.isPresent()) {
                return operation(recorded.get(), block, in);
            }
            if (block instanceof SequentialBlock) {
                ONNXRef<?> current = in;
                for (Block child : block.getChildren().values()) {
                    current = emit(child, current);
                }
                return current;
            }
            if (block instanceof Convolution conv) {
                return convolution(conv, in);
            }
            if (block instanceof Linear) {
                return node(ONNXOperators.GEMM, List.of(in, weight(block, "dense", "weight"),
                        weight(block, "dense", "bias")), "dense", Map.of("transB", 1));
            }
            if (block instanceof BatchNorm) {
                return node(VisionOperators.BATCH_NORMALIZATION, List.of(in, weight(block, "bn", "gamma"),
                                weight(block, "bn", "beta"), weight(block, "bn", "runningMean"),
                                weight(block, "bn", "runningVar")), "bn",
                        Map.of("epsilon", Layers.BATCH_NORM_EPSILON));
            }
            if (block instanceof Dropout) {
                return in;
            }
            throw new UnsupportedExportException("no ONNX operator for " + block.getClass().getSimpleName()
                    + " blocks: " + block);
        }

        private ONNXRef<?> operation(LayerOp op, Block block, ONNXRef<?> in) {
            if (op instanceof LayerOp.Pool pool) {
                VisionOperators kind = pool.kind() == LayerOp.PoolKind.MAX ? VisionOperators.MAX_POOL
                        : VisionOperators.AVERAGE_POOL;
                int p = pool.padding();
                return node(kind, List.of(in), "pool", Map.of("kernel_shape", new int[]{pool.kernel(),
                        pool.kernel()}, "strides", new int[]{pool.stride(), pool.stride()}, "pads",
                        new int[]{p, p, p, p}));
            }
            if (op instanceof LayerOp.GlobalAveragePool) {
                return node(VisionOperators.GLOBAL_AVERAGE_POOL, List.of(in), "global_pool", Map.of());
            }
            if (op instanceof LayerOp.Flatten) {
                return node(VisionOperators.FLATTEN, List.of(in), "flatten", Map.of("axis", 1));
            }
            if (op instanceof LayerOp.Identity) {
                return in;
            }
            if (op instanceof LayerOp.Activation activation) {
                return activation(activation, block, in);
            }
            if (op instanceof LayerOp.Join join) {
                return join(join, block, in);
            }
            throw new UnsupportedExportException("no ONNX operator for " + op);
        }

        private ONNXRef<?> activation(LayerOp.Activation activation, Block block, ONNXRef<?> in) {
            float alpha = (float) activation.alpha();
            return switch (activation.kind()) {
                case RELU -> node(VisionOperators.RELU, List.of(in), "relu", Map.of());
                case LEAKY_RELU -> node(VisionOperators.LEAKY_RELU, List.of(in), "leaky_relu", Map.of("alpha", alpha));
                case ELU -> node(VisionOperators.ELU, List.of(in), "elu", Map.of("alpha", alpha));
                case PRELU -> {
                    if (!(block instanceof ParametricRelu)) {
                        throw new UnsupportedExportException("a PReLU activation must be a ParametricRelu block");
                    }
                    yield node(VisionOperators.PRELU, List.of(in, weight(block, "prelu", "alpha")), "prelu",
                            Map.of());
                }
            };
        }

        private ONNXRef<?> join(LayerOp.Join join, Block block, ONNXRef<?> in) {
            if (!(block instanceof ParallelBlock)) {
                throw new UnsupportedExportException("a join must be a ParallelBlock, got " + block);
            }
            List<ONNXRef<?>> branches = new ArrayList<>();
            for (Block branch : block.getChildren().values()) {
                branches.add(emit(branch, in));
            }
            return switch (join.kind()) {
                case CONCAT_CHANNELS -> node(ONNXOperators.CONCAT, branches, "concat", Map.of("axis", 1));
                case ADD -> {
                    if (branches.size() != 2) {
                        throw new UnsupportedExportException("a residual join adds two branches, got "
                                + branches.size());
                    }
                    yield node(ONNXOperators.ADD, branches, "add", Map.of());
                }
                case MEAN_PROBABILITIES -> {
                    List<ONNXRef<?>> probabilities = new ArrayList<>();
                    for (ONNXRef<?> branch : branches) {
                        probabilities.add(node(ONNXOperators.SOFTMAX, List.of(branch), "member_softmax",
                                Map.of("axis", 1)));
                    }
                    yield node(VisionOperators.LOG, List.of(node(VisionOperators.MEAN, probabilities, "mean",
                            Map.of())), "log_mean", Map.of());
                }
            };
        }

        private ONNXRef<?> convolution(Convolution conv, ONNXRef<?> in) {
            int[] kernel = ints(conv.getKernelShape().getShape());
            int[] stride = ints(conv.getStride().getShape());
            int[] padding = ints(conv.getPadding().getShape());
            int[] dilation = ints(conv.getDilation().getShape());
            if (kernel.length != 2) {
                throw new UnsupportedExportException("only 2-D convolutions are exported, got kernel "
                        + conv.getKernelShape());
            }
            List<ONNXRef<?>> inputs = new ArrayList<>();
            inputs.add(in);
            inputs.add(weight(conv, "conv", "weight"));
            if (conv.isIncludeBias()) {
                inputs.add(weight(conv, "conv", "bias"));
            }
            return node(VisionOperators.CONV, inputs, "conv", Map.of("kernel_shape", kernel, "strides", stride,
                    "pads", new int[]{padding[0], padding[1], padding[0], padding[1]}, "dilations", dilation,
                    "group", conv.getGroups()));
        }

        /** One operator node whose output is named after {@code name} (made unique by the builder). */
        private ONNXRef<?> node(org.tribuo.util.onnx.ONNXOperator op, List<ONNXRef<?>> inputs, String name,
                                Map<String, Object> attributes) {
            return context.operation(op, inputs, name, attributes);
        }

        /** The block's parameter {@code name} as an initializer of the same shape, named {@code layer_name}. */
        private ONNXRef<?> weight(Block block, String layer, String name) {
            Parameter parameter = block.getDirectParameters().get(name);
            if (parameter == null || !parameter.isInitialized()) {
                throw new UnsupportedExportException(block.getClass().getSimpleName() + " has no initialised '"
                        + name + "' parameter");
            }
            NDArray array = parameter.getArray();
            List<Integer> dims = new ArrayList<>();
            for (long dim : array.getShape().getShape()) {
                dims.add((int) dim);
            }
            float[] values = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            return context.floatTensor(layer + "_" + name, dims, buffer -> buffer.put(values));
        }

        private static int[] ints(long[] values) {
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (int) values[i];
            }
            return out;
        }
    }
}
