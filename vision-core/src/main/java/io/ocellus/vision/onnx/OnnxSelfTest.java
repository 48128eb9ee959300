package io.ocellus.vision.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.CpuDescription;
import io.ocellus.vision.arithmetic.OperatorCheck;
import io.ocellus.vision.arithmetic.ResultTap;
import io.ocellus.vision.arithmetic.Tensor;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic self-test of ONNX Runtime on this CPU: runs {@link SelfTestModel} with the session options every
 * served model gets, once as a whole (so that ONNX Runtime fuses it as it fuses a real model) and once with every
 * node's output exposed, and compares each with the float64 reference. A serving service serves nothing until
 * this passes.
 */
public final class OnnxSelfTest {

    /** What to do when ONNX Runtime failed: its kernels are picked by CPU and have no switch to steer them. */
    public static final String REMEDY = "No ONNX Runtime setting is known to change this; run the service on a "
            + "CPU of another family. Nothing is served until the self-test passes";

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final int threads;
    private final ResultTap tap;

    /** {@code threads} as the served models get them (0: ONNX Runtime's choice). */
    public OnnxSelfTest(int threads) {
        this(threads, ResultTap.NONE);
    }

    public OnnxSelfTest(int threads, ResultTap tap) {
        this.threads = threads;
        this.tap = tap;
    }

    public ArithmeticReport run() {
        long started = System.nanoTime();
        SelfTestModel model = new SelfTestModel();
        List<OperatorCheck> checks = new ArrayList<>();
        Map<String, float[]> whole = outputs(model.bytes(false), model);
        Tensor probabilities = model.expected().get(SelfTestModel.PROBABILITIES);
        checks.add(OperatorCheck.compare("whole model, optimised graph",
                probabilities, tap.apply("whole model", whole.get(SelfTestModel.PROBABILITIES))));
        Map<String, float[]> nodes = outputs(model.bytes(true), model);
        model.expected().forEach((name, expected) -> checks.add(OperatorCheck.compare(model.operator(name),
                expected, tap.apply(model.operator(name), nodes.get(name)))));
        return new ArithmeticReport("ONNX Runtime " + ENVIRONMENT.getVersion(), checks,
                Duration.ofNanos(System.nanoTime() - started), CpuDescription.current());
    }

    private Map<String, float[]> outputs(byte[] bytes, SelfTestModel model) {
        Tensor input = model.input();
        try (OrtSession.SessionOptions options = SessionSettings.options(threads);
             OrtSession session = ENVIRONMENT.createSession(bytes, options);
             OnnxTensor x = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(input.toFloats()),
                     input.longShape());
             OrtSession.Result result = session.run(Map.of(SelfTestModel.INPUT, x))) {
            Map<String, float[]> values = new java.util.HashMap<>();
            for (Map.Entry<String, OnnxValue> output : result) {
                FloatBuffer buffer = ((OnnxTensor) output.getValue()).getFloatBuffer();
                float[] flat = new float[buffer.remaining()];
                buffer.get(flat);
                values.put(output.getKey(), flat);
            }
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run its self-test model: " + e.getMessage(), e);
        }
    }
}
