package io.ocellus.vision.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A window classifier run once over a whole image in its fully convolutional form ({@link FullyConvolutional}):
 * the class probabilities of every window, {@code stride} pixels apart, from one ONNX Runtime call.
 */
public final class DenseClassifier implements AutoCloseable {

    /** Probabilities laid out (class, row, column); the window at (row, column) starts at (column, row) x stride. */
    public record ScoreMap(int classes, int rows, int columns, float[] values) {

        public float probability(int k, int row, int column) {
            return values[(k * rows + row) * columns + column];
        }
    }

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final String inputName;
    private final FullyConvolutional.Dense dense;
    private final int channels;

    private DenseClassifier(OrtSession session, FullyConvolutional.Dense dense, int channels) throws OrtException {
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.dense = dense;
        this.channels = channels;
    }

    /**
     * Converts the classifier and opens the result; throws {@link NotFullyConvolutionalException} with the reason
     * when the net cannot run densely.
     */
    public static DenseClassifier open(byte[] classifier, int channels, int threads) {
        FullyConvolutional.Dense dense = FullyConvolutional.convert(classifier);
        try (OrtSession.SessionOptions options = SessionSettings.options(threads)) {
            return new DenseClassifier(ENVIRONMENT.createSession(dense.model(), options), dense, channels);
        } catch (OrtException e) {
            throw new NotFullyConvolutionalException("ONNX Runtime cannot load the dense form: " + e.getMessage());
        }
    }

    public int stride() {
        return dense.stride();
    }

    public int windowWidth() {
        return dense.windowWidth();
    }

    public int windowHeight() {
        return dense.windowHeight();
    }

    /** Scores every window of one preprocessed image ({@code channels x height x width} values). */
    public ScoreMap score(float[] image, int height, int width) {
        long[] shape = {1, channels, height, width};
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(image), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] dims = output.getInfo().getShape();
            FloatBuffer values = output.getFloatBuffer();
            float[] copy = new float[values.remaining()];
            values.get(copy);
            return new ScoreMap((int) dims[1], (int) dims[2], (int) dims[3], copy);
        } catch (OrtException e) {
            throw new RunFailedException("ONNX Runtime failed to run the dense model on " + height + "x" + width
                    + ": " + e.getMessage(), e);
        }
    }

    /** ONNX Runtime could not run the dense model on an image. */
    public static final class RunFailedException extends RuntimeException {

        RunFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
