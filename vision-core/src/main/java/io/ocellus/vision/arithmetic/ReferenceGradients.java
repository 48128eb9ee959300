package io.ocellus.vision.arithmetic;

import io.ocellus.vision.arithmetic.ReferenceOps.BatchStatistics;

/**
 * The backward pass of every operator in {@link ReferenceOps}: given the layer's input and {@code gradY}, the
 * gradient of the loss with respect to the layer's output, each method returns the gradients with respect to the
 * input and parameters, written from the chain rule in plain float64 loops.
 */
public final class ReferenceGradients {

    private ReferenceGradients() {
    }

    public static Gradients conv2d(Tensor x, Tensor weight, Tensor gradY, int stride, int pad) {
        int n = x.dim(0), channels = x.dim(1), h = x.dim(2), w = x.dim(3);
        int filters = weight.dim(0), kh = weight.dim(2), kw = weight.dim(3);
        int oh = gradY.dim(2), ow = gradY.dim(3);
        Tensor gradX = Tensor.zeros(x.shape());
        Tensor gradW = Tensor.zeros(weight.shape());
        Tensor gradB = Tensor.zeros(filters);
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double g = gradY.data()[gradY.at(b, f, oy, ox)];
                        gradB.data()[f] += g;
                        for (int c = 0; c < channels; c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * stride + ky - pad;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * stride + kx - pad;
                                    if (ix >= 0 && ix < w) {
                                        int xi = x.at(b, c, iy, ix), wi = weight.at(f, c, ky, kx);
                                        gradX.data()[xi] += g * weight.data()[wi];
                                        gradW.data()[wi] += g * x.data()[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Gradients(gradX, gradW, gradB);
    }

    /** Each output's gradient goes to the first position that held its window's maximum. */
    public static Gradients maxPool2d(Tensor x, Tensor gradY, int kernel, int stride, int pad) {
        int n = x.dim(0), channels = x.dim(1), h = x.dim(2), w = x.dim(3);
        Tensor gradX = Tensor.zeros(x.shape());
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                for (int oy = 0; oy < gradY.dim(2); oy++) {
                    for (int ox = 0; ox < gradY.dim(3); ox++) {
                        int best = -1;
                        for (int ky = 0; ky < kernel; ky++) {
                            for (int kx = 0; kx < kernel; kx++) {
                                int iy = oy * stride + ky - pad, ix = ox * stride + kx - pad;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w
                                        && (best < 0 || x.data()[x.at(b, c, iy, ix)] > x.data()[best])) {
                                    best = x.at(b, c, iy, ix);
                                }
                            }
                        }
                        gradX.data()[best] += gradY.data()[gradY.at(b, c, oy, ox)];
                    }
                }
            }
        }
        return Gradients.ofInput(gradX);
    }

    /** Each output's gradient is shared equally by the positions of its window. */
    public static Gradients avgPool2d(int[] inputShape, Tensor gradY, int kernel, int stride) {
        Tensor gradX = Tensor.zeros(inputShape);
        for (int b = 0; b < inputShape[0]; b++) {
            for (int c = 0; c < inputShape[1]; c++) {
                for (int oy = 0; oy < gradY.dim(2); oy++) {
                    for (int ox = 0; ox < gradY.dim(3); ox++) {
                        double share = gradY.data()[gradY.at(b, c, oy, ox)] / (kernel * kernel);
                        for (int ky = 0; ky < kernel; ky++) {
                            for (int kx = 0; kx < kernel; kx++) {
                                gradX.data()[gradX.at(b, c, oy * stride + ky, ox * stride + kx)] += share;
                            }
                        }
                    }
                }
            }
        }
        return Gradients.ofInput(gradX);
    }

    public static Gradients globalAveragePool(int[] inputShape, Tensor gradY) {
        Tensor gradX = Tensor.zeros(inputShape);
        int area = inputShape[2] * inputShape[3];
        for (int i = 0; i < gradX.size(); i++) {
            gradX.data()[i] = gradY.data()[i / area] / area;
        }
        return Gradients.ofInput(gradX);
    }

    public static Gradients dense(Tensor x, Tensor weight, Tensor gradY) {
        int n = x.dim(0), in = x.dim(1), out = weight.dim(0);
        Tensor gradX = Tensor.zeros(n, in);
        Tensor gradW = Tensor.zeros(out, in);
        Tensor gradB = Tensor.zeros(out);
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                double g = gradY.data()[b * out + o];
                gradB.data()[o] += g;
                for (int i = 0; i < in; i++) {
                    gradX.data()[b * in + i] += g * weight.data()[o * in + i];
                    gradW.data()[o * in + i] += g * x.data()[b * in + i];
                }
            }
        }
        return new Gradients(gradX, gradW, gradB);
    }

    public static Gradients relu(Tensor x, Tensor gradY) {
        return elementwise(x, gradY, v -> v > 0 ? 1 : 0);
    }

    public static Gradients leakyRelu(Tensor x, Tensor gradY, double alpha) {
        return elementwise(x, gradY, v -> v > 0 ? 1 : alpha);
    }

    public static Gradients elu(Tensor x, Tensor gradY, double alpha) {
        return elementwise(x, gradY, v -> v > 0 ? 1 : alpha * Math.exp(v));
    }

    /**
     * Batch norm in training mode, where the batch's own mean and variance depend on the input:
     * dx = gamma / sigma * (dy - mean(dy) - x_hat * mean(dy * x_hat)), per channel.
     */
    public static Gradients batchNormTraining(Tensor x, Tensor gamma, Tensor gradY, double epsilon) {
        BatchStatistics stats = BatchStatistics.of(x);
        int channels = x.dim(1), inner = x.size() / (x.dim(0) * channels);
        double[] sigma = new double[channels];
        for (int c = 0; c < channels; c++) {
            sigma[c] = Math.sqrt(stats.variance()[c] + epsilon);
        }
        double[] xHat = new double[x.size()];
        Tensor gradGamma = Tensor.zeros(channels);
        Tensor gradBeta = Tensor.zeros(channels);
        for (int i = 0; i < x.size(); i++) {
            int c = (i / inner) % channels;
            xHat[i] = (x.data()[i] - stats.mean()[c]) / sigma[c];
            gradGamma.data()[c] += gradY.data()[i] * xHat[i];
            gradBeta.data()[c] += gradY.data()[i];
        }
        Tensor gradX = Tensor.zeros(x.shape());
        for (int i = 0; i < x.size(); i++) {
            int c = (i / inner) % channels;
            double meanGrad = gradBeta.data()[c] / stats.count();
            double meanGradXHat = gradGamma.data()[c] / stats.count();
            gradX.data()[i] = gamma.data()[c] / sigma[c] * (gradY.data()[i] - meanGrad - xHat[i] * meanGradXHat);
        }
        return new Gradients(gradX, gradGamma, gradBeta);
    }

    /** The gradient of the batch-mean softmax cross-entropy: (softmax(logits) - one_hot(label)) / n. */
    public static Gradients softmaxCrossEntropy(Tensor logits, int[] labels) {
        Tensor grad = ReferenceOps.softmax(logits);
        int classes = logits.dim(1);
        for (int b = 0; b < labels.length; b++) {
            grad.data()[b * classes + labels[b]] -= 1;
        }
        for (int i = 0; i < grad.size(); i++) {
            grad.data()[i] /= labels.length;
        }
        return Gradients.ofInput(grad);
    }

    private static Gradients elementwise(Tensor x, Tensor gradY, java.util.function.DoubleUnaryOperator slope) {
        Tensor gradX = Tensor.zeros(x.shape());
        for (int i = 0; i < x.size(); i++) {
            gradX.data()[i] = gradY.data()[i] * slope.applyAsDouble(x.data()[i]);
        }
        return Gradients.ofInput(gradX);
    }
}
