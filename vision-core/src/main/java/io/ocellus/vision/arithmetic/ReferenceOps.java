package io.ocellus.vision.arithmetic;

/**
 * The forward pass of every operator Ocellus' nets use, in plain float64 loops written straight from each
 * operator's definition: no blocking, no layouts, no vector code, so that nothing in it depends on the CPU. It
 * is slow and meant for small tensors: the arithmetic self-tests and the tests of the runtimes.
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    /**
     * Cross-correlation as deep-learning runtimes define convolution: {@code x} (n, c, h, w), {@code weight}
     * (filters, c, kh, kw), {@code bias} (filters) or null, the same stride and zero padding on both axes.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int pad) {
        int n = x.dim(0), channels = x.dim(1), h = x.dim(2), w = x.dim(3);
        int filters = weight.dim(0), kh = weight.dim(2), kw = weight.dim(3);
        requireEqual(channels, weight.dim(1), "input channels of the weight");
        int oh = outputSize(h, kh, stride, pad), ow = outputSize(w, kw, stride, pad);
        Tensor y = Tensor.zeros(n, filters, oh, ow);
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = bias == null ? 0 : bias.data()[f];
                        for (int c = 0; c < channels; c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * stride + ky - pad;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * stride + kx - pad;
                                    if (ix >= 0 && ix < w) {
                                        sum += x.data()[x.at(b, c, iy, ix)] * weight.data()[weight.at(f, c, ky, kx)];
                                    }
                                }
                            }
                        }
                        y.data()[y.at(b, f, oy, ox)] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** Max pooling; padded positions never win. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int pad) {
        return pool(x, kernel, stride, pad, true);
    }

    /** Average pooling without padding. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride) {
        return pool(x, kernel, stride, 0, false);
    }

    private static Tensor pool(Tensor x, int kernel, int stride, int pad, boolean max) {
        int n = x.dim(0), channels = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = outputSize(h, kernel, stride, pad), ow = outputSize(w, kernel, stride, pad);
        Tensor y = Tensor.zeros(n, channels, oh, ow);
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double result = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int ky = 0; ky < kernel; ky++) {
                            for (int kx = 0; kx < kernel; kx++) {
                                int iy = oy * stride + ky - pad, ix = ox * stride + kx - pad;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                double v = x.data()[x.at(b, c, iy, ix)];
                                result = max ? Math.max(result, v) : result + v;
                            }
                        }
                        y.data()[y.at(b, c, oy, ox)] = max ? result : result / (kernel * kernel);
                    }
                }
            }
        }
        return y;
    }

    /** The mean of every channel's map: (n, c, h, w) to (n, c, 1, 1). */
    public static Tensor globalAveragePool(Tensor x) {
        int n = x.dim(0), channels = x.dim(1), area = x.dim(2) * x.dim(3);
        Tensor y = Tensor.zeros(n, channels, 1, 1);
        for (int i = 0; i < n * channels; i++) {
            double sum = 0;
            for (int j = 0; j < area; j++) {
                sum += x.data()[i * area + j];
            }
            y.data()[i] = sum / area;
        }
        return y;
    }

    /** A fully connected layer: {@code x} (n, in), {@code weight} (out, in), {@code bias} (out). */
    public static Tensor dense(Tensor x, Tensor weight, Tensor bias) {
        int n = x.dim(0), in = x.dim(1), out = weight.dim(0);
        requireEqual(in, weight.dim(1), "input features of the weight");
        Tensor y = Tensor.zeros(n, out);
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                double sum = bias.data()[o];
                for (int i = 0; i < in; i++) {
                    sum += x.data()[b * in + i] * weight.data()[o * in + i];
                }
                y.data()[b * out + o] = sum;
            }
        }
        return y;
    }

    public static Tensor relu(Tensor x) {
        return map(x, v -> Math.max(v, 0));
    }

    public static Tensor leakyRelu(Tensor x, double alpha) {
        return map(x, v -> v > 0 ? v : alpha * v);
    }

    public static Tensor elu(Tensor x, double alpha) {
        return map(x, v -> v > 0 ? v : alpha * (Math.exp(v) - 1));
    }

    /**
     * Batch normalisation as in training: each channel (axis 1) is normalised by the mean and biased variance of
     * the batch over every other axis, then scaled by {@code gamma} and shifted by {@code beta}.
     */
    public static Tensor batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double epsilon) {
        BatchStatistics stats = BatchStatistics.of(x);
        return batchNorm(x, gamma, beta, stats.mean(), stats.variance(), epsilon);
    }

    /** Batch normalisation as in serving, with stored statistics. */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, double[] mean, double[] variance,
                                   double epsilon) {
        Tensor y = Tensor.zeros(x.shape());
        int channels = x.dim(1), inner = x.size() / (x.dim(0) * channels);
        for (int i = 0; i < x.size(); i++) {
            int c = (i / inner) % channels;
            y.data()[i] = gamma.data()[c] * (x.data()[i] - mean[c]) / Math.sqrt(variance[c] + epsilon)
                    + beta.data()[c];
        }
        return y;
    }

    /** Row-wise softmax of (n, classes) logits, with the row maximum subtracted first as every runtime does. */
    public static Tensor softmax(Tensor logits) {
        int n = logits.dim(0), classes = logits.dim(1);
        Tensor p = Tensor.zeros(n, classes);
        for (int b = 0; b < n; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits.data()[b * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits.data()[b * classes + k] - max);
            }
            for (int k = 0; k < classes; k++) {
                p.data()[b * classes + k] = Math.exp(logits.data()[b * classes + k] - max) / sum;
            }
        }
        return p;
    }

    /** The mean over the batch of -log softmax(logits)[label]: the loss every Ocellus net trains on. */
    public static double softmaxCrossEntropy(Tensor logits, int[] labels) {
        Tensor p = softmax(logits);
        int classes = logits.dim(1);
        double sum = 0;
        for (int b = 0; b < labels.length; b++) {
            sum -= Math.log(p.data()[b * classes + labels[b]]);
        }
        return sum / labels.length;
    }

    /** The output size of a window of {@code kernel} sliding by {@code stride} over {@code size} padded by {@code pad}. */
    public static int outputSize(int size, int kernel, int stride, int pad) {
        return (size + 2 * pad - kernel) / stride + 1;
    }

    private static Tensor map(Tensor x, java.util.function.DoubleUnaryOperator f) {
        Tensor y = Tensor.zeros(x.shape());
        for (int i = 0; i < x.size(); i++) {
            y.data()[i] = f.applyAsDouble(x.data()[i]);
        }
        return y;
    }

    static void requireEqual(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalArgumentException(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** Per-channel mean and biased variance over every axis but the channel axis (1). */
    record BatchStatistics(double[] mean, double[] variance, int count) {

        static BatchStatistics of(Tensor x) {
            int channels = x.dim(1), inner = x.size() / (x.dim(0) * channels);
            int count = x.dim(0) * inner;
            double[] mean = new double[channels];
            double[] variance = new double[channels];
            for (int i = 0; i < x.size(); i++) {
                mean[(i / inner) % channels] += x.data()[i] / count;
            }
            for (int i = 0; i < x.size(); i++) {
                int c = (i / inner) % channels;
                variance[c] += (x.data()[i] - mean[c]) * (x.data()[i] - mean[c]) / count;
            }
            return new BatchStatistics(mean, variance, count);
        }
    }
}
