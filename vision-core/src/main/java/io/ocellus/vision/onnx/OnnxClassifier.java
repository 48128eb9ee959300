package io.ocellus.vision.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An image classifier in ONNX Runtime: one float input of shape (batch, channels, height, width) and one float
 * output of shape (batch, classes). The trainer's parity gate, inference-service and detector-service all run
 * models through this class. {@link #classify} is thread-safe: ONNX Runtime sessions accept concurrent runs.
 */
public final class OnnxClassifier implements AutoCloseable {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final String inputName;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;
    private final Map<String, String> metadata;

    private OnnxClassifier(OrtSession session, String inputName, int channels, int height, int width, int classes,
                           Map<String, String> metadata) {
        this.session = session;
        this.inputName = inputName;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.metadata = Map.copyOf(metadata);
    }

    /**
     * Opens {@code model} (the bytes of an ONNX file) with {@code threads} intra-op threads (0: ONNX Runtime's
     * choice). Throws {@link InvalidOnnxModelException} with the reason when the bytes are not a model, or the
     * model is not a classifier of the shape above.
     */
    public static OnnxClassifier open(byte[] model, int threads) {
        OrtSession session;
        try (OrtSession.SessionOptions options = SessionSettings.options(threads)) {
            session = ENVIRONMENT.createSession(model, options);
        } catch (OrtException | RuntimeException e) {
            throw new InvalidOnnxModelException("not a model ONNX Runtime can load: " + e.getMessage(), e);
        }
        try {
            return describe(session);
        } catch (OrtException | RuntimeException e) {
            close(session);
            throw e instanceof InvalidOnnxModelException invalid ? invalid
                    : new InvalidOnnxModelException("cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    private static OnnxClassifier describe(OrtSession session) throws OrtException {
        if (session.getNumInputs() != 1 || session.getNumOutputs() < 1) {
            throw new InvalidOnnxModelException("a classifier has one input and an output; this model has "
                    + session.getNumInputs() + " inputs and " + session.getNumOutputs() + " outputs", null);
        }
        NodeInfo input = session.getInputInfo().values().iterator().next();
        long[] in = tensorShape(input, "input");
        if (in.length != 4 || in[1] <= 0 || in[2] <= 0 || in[3] <= 0) {
            throw new InvalidOnnxModelException("the input must be (batch, channels, height, width) with fixed "
                    + "channels and size, got " + java.util.Arrays.toString(in), null);
        }
        long[] out = tensorShape(session.getOutputInfo().values().iterator().next(), "output");
        if (out.length != 2 || out[1] <= 0) {
            throw new InvalidOnnxModelException("the first output must be (batch, classes), got "
                    + java.util.Arrays.toString(out), null);
        }
        return new OnnxClassifier(session, input.getName(), (int) in[1], (int) in[2], (int) in[3], (int) out[1],
                session.getMetadata().getCustomMetadata());
    }

    private static long[] tensorShape(NodeInfo node, String role) {
        if (!(node.getInfo() instanceof TensorInfo tensor)
                || tensor.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new InvalidOnnxModelException("the " + role + " '" + node.getName() + "' must be a float tensor, "
                    + "got " + node.getInfo(), null);
        }
        return tensor.getShape();
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int classes() {
        return classes;
    }

    /** Values of one input sample: channels x height x width. */
    public int sampleSize() {
        return channels * height * width;
    }

    /** The model's custom metadata (labels, preprocessing, provenance as the exporter wrote them). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Runs {@code count} samples laid out one after another in {@code inputs} (CHW each) and returns the first
     * output, one row per sample.
     */
    public float[][] classify(float[] inputs, int count) {
        if (count < 1 || (long) count * sampleSize() > inputs.length) {
            throw new IllegalArgumentException("need " + count + " samples of " + sampleSize() + " values, got "
                    + inputs.length + " values");
        }
        return run(FloatBuffer.wrap(inputs, 0, count * sampleSize()), count);
    }

    /**
     * Runs the {@code count} samples that remain in {@code inputs}, a direct buffer in native byte order (CHW
     * each), and returns the first output, one row per sample. ONNX Runtime reads such a buffer in place, where
     * an array is first copied into a new direct buffer: a batcher that fills one buffer again and again saves
     * that copy and the allocation on every batch. The buffer must not change until this returns.
     */
    public float[][] classify(FloatBuffer inputs, int count) {
        if (!inputs.isDirect() || inputs.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("need a direct buffer in native byte order, got "
                    + (inputs.isDirect() ? "one in " + inputs.order() : "a heap buffer"));
        }
        if (count < 1 || (long) count * sampleSize() != inputs.remaining()) {
            throw new IllegalArgumentException("need " + count + " samples of " + sampleSize() + " values, got "
                    + inputs.remaining() + " values");
        }
        return run(inputs, count);
    }

    private float[][] run(FloatBuffer inputs, int count) {
        long[] shape = {count, channels, height, width};
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENVIRONMENT, inputs, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue output = result.get(0);
            return (float[][]) output.getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        close(session);
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
