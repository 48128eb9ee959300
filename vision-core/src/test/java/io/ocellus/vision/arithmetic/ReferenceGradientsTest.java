package io.ocellus.vision.arithmetic;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every backward pass against central finite differences of its own forward pass, on random tensors: for the
 * loss L = sum(y * g) with a fixed g, dL/dv must match (L(v + h) - L(v - h)) / 2h for every input and parameter v.
 */
class ReferenceGradientsTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @Test
    void convolutionGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.random(1, 1, 2, 3, 7, 7);
        Tensor w = Tensor.random(2, 0.5, 4, 3, 3, 3);
        Tensor b = Tensor.random(3, 0.1, 4);
        Tensor g = Tensor.random(4, 1, 2, 4, 4, 4);
        Gradients analytic = ReferenceGradients.conv2d(x, w, g, 2, 1);

        assertMatches(x, v -> ReferenceOps.conv2d(v, w, b, 2, 1), g, analytic.input());
        assertMatches(w, v -> ReferenceOps.conv2d(x, v, b, 2, 1), g, analytic.weight());
        assertMatches(b, v -> ReferenceOps.conv2d(x, w, v, 2, 1), g, analytic.bias());
    }

    @Test
    void poolingGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.random(5, 1, 2, 3, 6, 6);

        assertMatches(x, v -> ReferenceOps.maxPool2d(v, 3, 2, 1), Tensor.random(6, 1, 2, 3, 3, 3),
                ReferenceGradients.maxPool2d(x, Tensor.random(6, 1, 2, 3, 3, 3), 3, 2, 1).input());
        assertMatches(x, v -> ReferenceOps.avgPool2d(v, 2, 2), Tensor.random(7, 1, 2, 3, 3, 3),
                ReferenceGradients.avgPool2d(x.shape(), Tensor.random(7, 1, 2, 3, 3, 3), 2, 2).input());
        assertMatches(x, ReferenceOps::globalAveragePool, Tensor.random(8, 1, 2, 3, 1, 1),
                ReferenceGradients.globalAveragePool(x.shape(), Tensor.random(8, 1, 2, 3, 1, 1)).input());
    }

    @Test
    void denseGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.random(9, 1, 3, 5);
        Tensor w = Tensor.random(10, 1, 4, 5);
        Tensor b = Tensor.random(11, 1, 4);
        Tensor g = Tensor.random(12, 1, 3, 4);
        Gradients analytic = ReferenceGradients.dense(x, w, g);

        assertMatches(x, v -> ReferenceOps.dense(v, w, b), g, analytic.input());
        assertMatches(w, v -> ReferenceOps.dense(x, v, b), g, analytic.weight());
        assertMatches(b, v -> ReferenceOps.dense(x, w, v), g, analytic.bias());
    }

    @Test
    void activationGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.random(13, 1, 2, 3, 4, 4);
        Tensor g = Tensor.random(14, 1, 2, 3, 4, 4);

        assertMatches(x, ReferenceOps::relu, g, ReferenceGradients.relu(x, g).input());
        assertMatches(x, v -> ReferenceOps.leakyRelu(v, 0.2), g, ReferenceGradients.leakyRelu(x, g, 0.2).input());
        assertMatches(x, v -> ReferenceOps.elu(v, 1.5), g, ReferenceGradients.elu(x, g, 1.5).input());
    }

    @Test
    void batchNormGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.random(15, 2, 3, 4, 3, 3);
        Tensor gamma = Tensor.random(16, 1, 4);
        Tensor beta = Tensor.random(17, 1, 4);
        Tensor g = Tensor.random(18, 1, 3, 4, 3, 3);
        Gradients analytic = ReferenceGradients.batchNormTraining(x, gamma, g, 1e-5);

        assertMatches(x, v -> ReferenceOps.batchNormTraining(v, gamma, beta, 1e-5), g, analytic.input());
        assertMatches(gamma, v -> ReferenceOps.batchNormTraining(x, v, beta, 1e-5), g, analytic.weight());
        assertMatches(beta, v -> ReferenceOps.batchNormTraining(x, gamma, v, 1e-5), g, analytic.bias());
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        Tensor logits = Tensor.random(19, 2, 4, 6);
        int[] labels = {0, 5, 2, 2};
        Tensor one = new Tensor(new int[]{1}, new double[]{1});

        assertMatches(logits, v -> new Tensor(new int[]{1}, new double[]{ReferenceOps.softmaxCrossEntropy(v, labels)}),
                one, ReferenceGradients.softmaxCrossEntropy(logits, labels).input());
    }

    private static void assertMatches(Tensor at, Function<Tensor, Tensor> forward, Tensor upstream,
                                      Tensor analytic) {
        assertThat(analytic.shape()).containsExactly(at.shape());
        for (int i = 0; i < at.size(); i++) {
            double saved = at.data()[i];
            at.data()[i] = saved + H;
            double plus = dot(forward.apply(at), upstream);
            at.data()[i] = saved - H;
            double minus = dot(forward.apply(at), upstream);
            at.data()[i] = saved;
            double numeric = (plus - minus) / (2 * H);
            assertThat(analytic.data()[i]).as("gradient %d", i)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(TOLERANCE * (1 + Math.abs(numeric))));
        }
    }

    private static double dot(Tensor a, Tensor b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.data()[i] * b.data()[i];
        }
        return sum;
    }
}
