package io.ocellus.teststack;

import ai.onnx.proto.OnnxMl;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.events.TestMetrics;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.schema.store.ModelKeys;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Small real ONNX image classifiers for tests of the services that serve models: {@code softmax(W x + b)} over the
 * flattened (C, H, W) input, with weights a test knows, so that it can compute the expected answer itself. They
 * are stored and registered exactly as the trainer publishes models.
 */
public final class TinyClassifiers {

    private TinyClassifiers() {
    }

    /** A linear classifier: {@code weights[k]} holds class k's C*H*W weights. */
    public record Linear(int channels, int height, int width, float[][] weights, float[] bias) {

        /** Random weights from {@code seed}, scaled so that the classes' probabilities differ clearly. */
        public static Linear random(int channels, int height, int width, int classes, long seed) {
            Random random = new Random(seed);
            int features = channels * height * width;
            float[][] weights = new float[classes][features];
            float[] bias = new float[classes];
            for (int k = 0; k < classes; k++) {
                for (int i = 0; i < features; i++) {
                    weights[k][i] = (float) (random.nextGaussian() * 4 / Math.sqrt(features));
                }
                bias[k] = (float) random.nextGaussian() * 0.1f;
            }
            return new Linear(channels, height, width, weights, bias);
        }

        public int classes() {
            return weights.length;
        }

        /** What the model must answer for the preprocessed input {@code x}, computed here in double precision. */
        public double[] expected(float[] x) {
            double[] logits = new double[classes()];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes(); k++) {
                double sum = bias[k];
                for (int i = 0; i < x.length; i++) {
                    sum += (double) weights[k][i] * x[i];
                }
                logits[k] = sum;
                max = Math.max(max, sum);
            }
            double total = 0;
            for (int k = 0; k < classes(); k++) {
                logits[k] = Math.exp(logits[k] - max);
                total += logits[k];
            }
            for (int k = 0; k < classes(); k++) {
                logits[k] /= total;
            }
            return logits;
        }

        public byte[] onnx() {
            ONNXContext context = new ONNXContext();
            context.setName("tiny-linear");
            ONNXPlaceholder input = context.floatInput("input", channels);
            ONNXPlaceholder output = context.floatOutput("probabilities", classes());
            int features = channels * height * width;
            ONNXRef<?> w = context.floatTensor("weight", List.of(classes(), features), buffer -> {
                for (float[] row : weights) {
                    buffer.put(row);
                }
            });
            ONNXRef<?> b = context.floatTensor("bias", List.of(classes()), buffer -> buffer.put(bias));
            ONNXRef<?> flat = context.operation(Flatten.FLATTEN, List.of(input), "flatten", Map.of("axis", 1));
            ONNXRef<?> logits = context.operation(ONNXOperators.GEMM, List.of(flat, w, b), "logits",
                    Map.of("transB", 1));
            context.operation(ONNXOperators.SOFTMAX, List.of(logits), "softmax", Map.of("axis", 1)).assignTo(output);
            OnnxMl.GraphProto graph = context.buildGraph();
            OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                    .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
            for (int dim : new int[]{channels, height, width}) {
                shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
            }
            graph = graph.toBuilder().clearInput().addInput(OnnxMl.ValueInfoProto.newBuilder().setName("input")
                    .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                            .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))).build();
            return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ocellus-tests").setGraph(graph)
                    .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                    .build().toByteArray();
        }
    }

    /**
     * Stores {@code onnx} as version {@code version} of {@code name} and adds it to the registry, current or not.
     * The sha256 published is that of {@code publishedSha256Of}, which a test may set to other bytes to fake a
     * checksum mismatch.
     */
    public static ModelPublished register(ObjectStore store, String name, int version, Linear shape, byte[] onnx,
                                          byte[] publishedSha256Of, List<String> labels, double rank1,
                                          boolean current) {
        store.ensureBucket(Buckets.MODELS);
        store.put(Buckets.MODELS, ModelKeys.onnx(name, version), onnx, "application/octet-stream");
        ModelPublished published = ModelPublished.of(name, version, ModelKeys.onnx(name, version),
                sha256(publishedSha256Of), new InputShape(shape.channels(), shape.height(), shape.width()), labels,
                new Preprocessing(shape.width(), shape.height(), false, 1.0 / 255, null), new TestMetrics(rank1, null),
                "test-job", Instant.now());
        ModelCatalog catalog = new ModelCatalog(store);
        ModelEntry entry = catalog.find(name).orElseGet(() -> ModelEntry.empty(name)).withVersion(published);
        catalog.save(current ? entry.promote(version) : entry);
        return published;
    }

    public static String sha256(byte[] bytes) {
        return ContentKeys.sha256(bytes);
    }

    /** ONNX Flatten, which Tribuo's operator set lacks. */
    private enum Flatten implements ONNXOperator {
        FLATTEN;

        private static final ONNXAttribute AXIS = new ONNXAttribute("axis",
                OnnxMl.AttributeProto.AttributeType.INT, false);

        @Override
        public String getOpName() {
            return "Flatten";
        }

        @Override
        public int getNumInputs() {
            return 1;
        }

        @Override
        public int getNumOptionalInputs() {
            return 0;
        }

        @Override
        public int getNumOutputs() {
            return 1;
        }

        @Override
        public Map<String, ONNXAttribute> getAttributes() {
            return Map.of("axis", AXIS);
        }

        @Override
        public Set<String> getMandatoryAttributeNames() {
            return Set.of();
        }

        @Override
        public int getOpVersion() {
            return 13;
        }

        @Override
        public String getOpDomain() {
            return null;
        }
    }
}
