package io.ocellus.trainer.arithmetic;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.CpuDescription;
import io.ocellus.vision.arithmetic.Gradients;
import io.ocellus.vision.arithmetic.OperatorCheck;
import io.ocellus.vision.arithmetic.ReferenceGradients;
import io.ocellus.vision.arithmetic.ReferenceOps;
import io.ocellus.vision.arithmetic.ResultTap;
import io.ocellus.vision.arithmetic.Tensor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The trainer's arithmetic self-test: one forward and one backward step of every operator family the nets train
 * with, run through DJL's PyTorch engine on the training device and compared with the float64 reference. The
 * convolutions include LeNet's own two (1 to 20 and 20 to 50 channels, 5x5, padding 2), whose channel counts are
 * not multiples of a vector block: oneDNN computes the second wrong on some AVX-512 CPUs.
 */
public final class TorchSelfTest {

    private static final long SEED = 20_261_204L;

    private final Device device;
    private final ResultTap tap;
    private final List<OperatorCheck> checks = new ArrayList<>();
    private long seed = SEED;

    public TorchSelfTest(Device device, ResultTap tap) {
        this.device = device;
        this.tap = tap;
    }

    /** What was checked, as a report names it: the engine, its version, the device and oneDNN's state on a CPU. */
    public String runtime() {
        Engine engine = Engine.getInstance();
        return engine.getEngineName() + " " + engine.getVersion() + " on " + device
                + (device.isGpu() ? "" : ", oneDNN " + (OneDnn.enabled() ? "on" : "off"));
    }

    public ArithmeticReport run() {
        long started = System.nanoTime();
        checks.clear();
        seed = SEED;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            convolution(manager, 2, 1, 28, 20, 5, 1, 2);
            convolution(manager, 2, 20, 14, 50, 5, 1, 2);
            convolution(manager, 2, 3, 9, 5, 3, 2, 1);
            convolution(manager, 2, 50, 3, 10, 1, 1, 0);
            pooling(manager);
            dense(manager);
            activations(manager);
            batchNorm(manager);
            softmaxCrossEntropy(manager);
        }
        return new ArithmeticReport(runtime(), checks, Duration.ofNanos(System.nanoTime() - started),
                CpuDescription.current());
    }

    private void convolution(NDManager manager, int n, int channels, int size, int filters, int kernel, int stride,
                             int pad) {
        Tensor x = random(1, n, channels, size, size);
        Tensor w = random(Math.sqrt(2.0 / (channels * kernel * kernel)), filters, channels, kernel, kernel);
        Tensor b = random(0.1, filters);
        Tensor y = ReferenceOps.conv2d(x, w, b, stride, pad);
        Tensor upstream = random(1, y.shape());
        Shape strides = new Shape(stride, stride);
        Shape pads = new Shape(pad, pad);
        Pass pass = pass(manager, in -> Conv2d.conv2d(in[0], in[1], in[2], strides, pads).singletonOrThrow(),
                upstream, x, w, b);
        String name = "convolution " + channels + "->" + filters + " " + kernel + "x" + kernel
                + (stride > 1 ? " stride " + stride : "") + (pad > 0 ? " pad " + pad : "");
        Gradients expected = ReferenceGradients.conv2d(x, w, upstream, stride, pad);
        compare(name + " forward", y, pass.output());
        compare(name + " input gradient", expected.input(), pass.gradients()[0]);
        compare(name + " weight gradient", expected.weight(), pass.gradients()[1]);
        compare(name + " bias gradient", expected.bias(), pass.gradients()[2]);
    }

    private void pooling(NDManager manager) {
        Tensor x = random(1, 2, 5, 9, 9);
        elementwise(manager, "max pool 2x2 stride 2", x, in -> Pool.maxPool2d(in, new Shape(2, 2), new Shape(2, 2),
                        new Shape(0, 0), false), v -> ReferenceOps.maxPool2d(v, 2, 2, 0),
                (v, g) -> ReferenceGradients.maxPool2d(v, g, 2, 2, 0));
        elementwise(manager, "max pool 3x3 stride 2 pad 1", x, in -> Pool.maxPool2d(in, new Shape(3, 3),
                        new Shape(2, 2), new Shape(1, 1), false), v -> ReferenceOps.maxPool2d(v, 3, 2, 1),
                (v, g) -> ReferenceGradients.maxPool2d(v, g, 3, 2, 1));
        Tensor even = random(1, 2, 5, 8, 8);
        elementwise(manager, "average pool 2x2 stride 2", even, in -> Pool.avgPool2d(in, new Shape(2, 2),
                        new Shape(2, 2), new Shape(0, 0), false, true), v -> ReferenceOps.avgPool2d(v, 2, 2),
                (v, g) -> ReferenceGradients.avgPool2d(v.shape(), g, 2, 2));
        elementwise(manager, "global average pool", even, Pool::globalAvgPool2d, ReferenceOps::globalAveragePool,
                (v, g) -> ReferenceGradients.globalAveragePool(v.shape(), g));
    }

    private void dense(NDManager manager) {
        Tensor x = random(1, 4, 120);
        Tensor w = random(Math.sqrt(1.0 / 120), 37, 120);
        Tensor b = random(0.1, 37);
        Tensor y = ReferenceOps.dense(x, w, b);
        Tensor upstream = random(1, y.shape());
        Pass pass = pass(manager, in -> Linear.linear(in[0], in[1], in[2]).singletonOrThrow(), upstream, x, w, b);
        Gradients expected = ReferenceGradients.dense(x, w, upstream);
        compare("dense 120->37 forward", y, pass.output());
        compare("dense 120->37 input gradient", expected.input(), pass.gradients()[0]);
        compare("dense 120->37 weight gradient", expected.weight(), pass.gradients()[1]);
        compare("dense 120->37 bias gradient", expected.bias(), pass.gradients()[2]);
    }

    private void activations(NDManager manager) {
        Tensor x = random(1, 2, 5, 6, 6);
        elementwise(manager, "relu", x, Activation::relu, ReferenceOps::relu, ReferenceGradients::relu);
        elementwise(manager, "leaky relu 0.1", x, in -> Activation.leakyRelu(in, 0.1f),
                v -> ReferenceOps.leakyRelu(v, 0.1f), (v, g) -> ReferenceGradients.leakyRelu(v, g, 0.1f));
        elementwise(manager, "elu 1.0", x, in -> Activation.elu(in, 1f), v -> ReferenceOps.elu(v, 1),
                (v, g) -> ReferenceGradients.elu(v, g, 1));
    }

    private void batchNorm(NDManager manager) {
        float epsilon = 1e-5f;
        Tensor x = random(2, 4, 5, 6, 6);
        Tensor gamma = random(1, 5);
        Tensor beta = random(1, 5);
        Tensor upstream = random(1, x.shape());
        Pass pass = pass(manager, in -> BatchNorm.batchNorm(in[0], in[0].getManager().zeros(new Shape(5)),
                in[0].getManager().ones(new Shape(5)), in[1], in[2], 1, 0.9f, epsilon, true).singletonOrThrow(),
                upstream, x, gamma, beta);
        Gradients expected = ReferenceGradients.batchNormTraining(x, gamma, upstream, epsilon);
        compare("batch norm (training) forward", ReferenceOps.batchNormTraining(x, gamma, beta, epsilon),
                pass.output());
        compare("batch norm (training) input gradient", expected.input(), pass.gradients()[0]);
        compare("batch norm (training) gamma gradient", expected.weight(), pass.gradients()[1]);
        compare("batch norm (training) beta gradient", expected.bias(), pass.gradients()[2]);
    }

    private void softmaxCrossEntropy(NDManager manager) {
        Tensor logits = random(2, 4, 10);
        int[] labels = {3, 0, 9, 3};
        float[] labelValues = {3, 0, 9, 3};
        Loss loss = Loss.softmaxCrossEntropyLoss();
        Pass pass = pass(manager, in -> loss.evaluate(new NDList(in[0].getManager().create(labelValues)),
                new NDList(in[0])), new Tensor(new int[]{1}, new double[]{1}), logits);
        compare("softmax cross-entropy loss", new Tensor(new int[]{1},
                new double[]{ReferenceOps.softmaxCrossEntropy(logits, labels)}), pass.output());
        compare("softmax cross-entropy gradient", ReferenceGradients.softmaxCrossEntropy(logits, labels).input(),
                pass.gradients()[0]);
    }

    /** A parameter-free operator: forward and input gradient. */
    private void elementwise(NDManager manager, String name, Tensor x, Function<NDArray, NDArray> op,
                             Function<Tensor, Tensor> forward,
                             java.util.function.BiFunction<Tensor, Tensor, Gradients> backward) {
        Tensor y = forward.apply(x);
        Tensor upstream = random(1, y.shape());
        Pass pass = pass(manager, in -> op.apply(in[0]), upstream, x);
        compare(name + " forward", y, pass.output());
        compare(name + " input gradient", backward.apply(x, upstream).input(), pass.gradients()[0]);
    }

    /**
     * Runs {@code op} on the engine with gradients recorded, back-propagates sum(output * upstream) and returns
     * the output and the gradient of every input, in order.
     */
    private static Pass pass(NDManager parent, Function<NDArray[], NDArray> op, Tensor upstream, Tensor... inputs) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray[] arrays = new NDArray[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                arrays[i] = manager.create(inputs[i].toFloats(), new Shape(inputs[i].longShape()));
                arrays[i].setRequiresGradient(true);
            }
            float[] output;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(arrays);
                output = y.toFloatArray();
                NDArray g = manager.create(upstream.toFloats(), y.getShape());
                collector.backward(y.mul(g).sum());
            }
            float[][] gradients = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                gradients[i] = arrays[i].getGradient().toFloatArray();
            }
            return new Pass(output, gradients);
        }
    }

    private void compare(String operator, Tensor expected, float[] actual) {
        checks.add(OperatorCheck.compare(operator, expected, tap.apply(operator, actual)));
    }

    private Tensor random(double scale, int... shape) {
        return Tensor.random(++seed, scale, shape);
    }

    private record Pass(float[] output, float[][] gradients) {
    }
}
