package io.ocellus.vision.arithmetic;

import java.util.Arrays;
import java.util.Random;

/**
 * A dense row-major float64 tensor for the reference operators: images are (batch, channels, height, width),
 * dense layers (batch, features), weights as the runtimes lay them out (out, in[, kh, kw]).
 */
public record Tensor(int[] shape, double[] data) {

    public Tensor {
        shape = shape.clone();
        long size = 1;
        for (int dim : shape) {
            if (dim < 1) {
                throw new IllegalArgumentException("every dimension must be at least 1: " + Arrays.toString(shape));
            }
            size *= dim;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got "
                    + data.length);
        }
    }

    public static Tensor zeros(int... shape) {
        long size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return new Tensor(shape, new double[Math.toIntExact(size)]);
    }

    public static Tensor of(float[] values, int... shape) {
        double[] data = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return new Tensor(shape, data);
    }

    /**
     * Normally distributed values times {@code scale}, rounded to float32 so that a runtime fed
     * {@link #toFloats()} sees exactly the numbers the reference computes with.
     */
    public static Tensor random(long seed, double scale, int... shape) {
        Tensor tensor = zeros(shape);
        Random random = new Random(seed);
        for (int i = 0; i < tensor.data.length; i++) {
            tensor.data[i] = (float) (random.nextGaussian() * scale);
        }
        return tensor;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    public int[] shape() {
        return shape.clone();
    }

    public float[] toFloats() {
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = (float) data[i];
        }
        return values;
    }

    public long[] longShape() {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    /** The same values under another shape of the same size (a flatten). */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, data);
    }

    /** The shape as people write it, e.g. 2x20x14x14. */
    public String shapeText() {
        return String.join("x", Arrays.stream(shape).mapToObj(String::valueOf).toArray(String[]::new));
    }

    /** Index of (n, c, y, x) in an NCHW tensor. */
    int at(int n, int c, int y, int x) {
        return ((n * shape[1] + c) * shape[2] + y) * shape[3] + x;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
