package io.ocellus.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.ocellus.trainer.nets.Net;
import io.ocellus.vision.onnx.OnnxClassifier;

import java.nio.FloatBuffer;

/**
 * The parity gate: runs the same inputs through the DJL net and through its ONNX export in ONNX Runtime, and
 * compares the class probabilities. An export passes when no probability differs by more than
 * {@link #TOLERANCE} and every sample gets the same top-1 class.
 */
public final class ExportParity {

    public static final double TOLERANCE = 1e-4;
    private static final int BATCH = 64;

    private ExportParity() {
    }

    /** Compares {@code count} samples (CHW each, one after another in {@code inputs}). */
    public static ParityReport check(Net net, byte[] onnx, float[] inputs, int count) {
        int size = (int) net.inputShape().size();
        double maxDifference = 0;
        int top1Mismatches = 0;
        try (OnnxClassifier exported = OnnxClassifier.open(onnx, 1);
             NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (int from = 0; from < count; from += BATCH) {
                int n = Math.min(BATCH, count - from);
                float[] batch = new float[n * size];
                System.arraycopy(inputs, from * size, batch, 0, n * size);
                float[][] fromOnnx = exported.classify(batch, n);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(FloatBuffer.wrap(batch), new Shape(n, net.inputShape().get(0),
                            net.inputShape().get(1), net.inputShape().get(2)));
                    NDArray probabilities = net.block().forward(parameters, new NDList(x), false)
                            .singletonOrThrow().softmax(1);
                    float[] fromDjl = probabilities.toFloatArray();
                    int classes = net.classes();
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < classes; k++) {
                            maxDifference = Math.max(maxDifference,
                                    Math.abs(fromDjl[i * classes + k] - fromOnnx[i][k]));
                        }
                        if (argMax(fromDjl, i * classes, classes) != argMax(fromOnnx[i], 0, classes)) {
                            top1Mismatches++;
                        }
                    }
                }
            }
        }
        return new ParityReport(count, maxDifference, top1Mismatches, TOLERANCE);
    }

    private static int argMax(float[] values, int from, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }
}
