package io.ocellus.vision.arithmetic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The reference operators against values worked out by hand. */
class ReferenceOpsTest {

    /** 1..9 in a 3x3 map; the kernel [[1, 0], [0, -1]] takes x(i, j) - x(i+1, j+1), which is -4 everywhere. */
    private static final Tensor ONE_TO_NINE = new Tensor(new int[]{1, 1, 3, 3},
            new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
    private static final Tensor DIAGONAL = new Tensor(new int[]{1, 1, 2, 2}, new double[]{1, 0, 0, -1});
    private static final Tensor HALF = new Tensor(new int[]{1}, new double[]{0.5});

    @Test
    void aConvolutionWithoutPaddingAddsItsBiasToEveryWindowsSum() {
        Tensor y = ReferenceOps.conv2d(ONE_TO_NINE, DIAGONAL, HALF, 1, 0);

        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.data()).containsExactly(-3.5, -3.5, -3.5, -3.5);
    }

    @Test
    void aPaddedStridedConvolutionReadsZerosOutsideTheMap() {
        // windows start at (-1,-1), (-1,1), (1,-1), (1,1): only x(i+1, j+1) lies inside the first three
        Tensor y = ReferenceOps.conv2d(ONE_TO_NINE, DIAGONAL, HALF, 2, 1);

        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.data()).containsExactly(-0.5, -2.5, -6.5, -3.5);
    }

    @Test
    void convolutionSumsOverInputChannels() {
        Tensor x = new Tensor(new int[]{1, 2, 1, 1}, new double[]{2, 3});
        Tensor w = new Tensor(new int[]{2, 2, 1, 1}, new double[]{1, 1, 10, -1});

        assertThat(ReferenceOps.conv2d(x, w, null, 1, 0).data()).containsExactly(5, 17);
    }

    @Test
    void convolutionGradientsSumOverEveryWindowThatUsedAValue() {
        Gradients g = ReferenceGradients.conv2d(ONE_TO_NINE, DIAGONAL, filled(1, 1, 1, 2, 2), 1, 0);

        assertThat(g.bias().data()).containsExactly(4);
        // dW(ky, kx) = sum of the 2x2 block of x starting at (ky, kx)
        assertThat(g.weight().data()).containsExactly(12, 16, 24, 28);
        // the centre is seen by all four weights (1 + 0 + 0 - 1), a corner by one
        assertThat(g.input().data()).containsExactly(1, 1, 0, 1, 0, -1, 0, -1, -1);
    }

    @Test
    void maxPoolingKeepsEachWindowsLargestValueAndRoutesItsGradientThere() {
        Tensor x = new Tensor(new int[]{1, 1, 4, 4}, new double[]{
                1, 5, 2, 0,
                3, 4, 8, 1,
                0, 0, -1, -2,
                9, 0, -3, -4});

        assertThat(ReferenceOps.maxPool2d(x, 2, 2, 0).data()).containsExactly(5, 8, 9, -1);
        Gradients g = ReferenceGradients.maxPool2d(x, new Tensor(new int[]{1, 1, 2, 2}, new double[]{1, 2, 3, 4}),
                2, 2, 0);
        assertThat(g.input().data()).containsExactly(
                0, 1, 0, 0,
                0, 0, 2, 0,
                0, 0, 4, 0,
                3, 0, 0, 0);
    }

    @Test
    void paddedMaxPoolingNeverPicksThePadding() {
        Tensor x = new Tensor(new int[]{1, 1, 2, 2}, new double[]{-1, -2, -3, -4});

        assertThat(ReferenceOps.maxPool2d(x, 3, 2, 1).data()).containsExactly(-1);
    }

    @Test
    void averagePoolingTakesTheMeanAndSharesTheGradientEqually() {
        Tensor x = new Tensor(new int[]{1, 1, 2, 4}, new double[]{1, 2, 3, 4, 5, 6, 7, 9});

        assertThat(ReferenceOps.avgPool2d(x, 2, 2).data()).containsExactly(3.5, 5.75);
        assertThat(ReferenceOps.globalAveragePool(x).data()).containsExactly(37.0 / 8);
        assertThat(ReferenceGradients.avgPool2d(x.shape(), new Tensor(new int[]{1, 1, 1, 2}, new double[]{4, 8}),
                2, 2).input().data()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2);
        assertThat(ReferenceGradients.globalAveragePool(x.shape(), filled(8, 1, 1, 1, 1)).input().data())
                .containsOnly(1);
    }

    @Test
    void aDenseLayerIsAMatrixProductPlusBias() {
        Tensor x = new Tensor(new int[]{1, 2}, new double[]{1, 2});
        Tensor w = new Tensor(new int[]{2, 2}, new double[]{1, 1, 2, -1});
        Tensor b = new Tensor(new int[]{2}, new double[]{0.5, 0});

        assertThat(ReferenceOps.dense(x, w, b).data()).containsExactly(3.5, 0);
        Gradients g = ReferenceGradients.dense(x, w, new Tensor(new int[]{1, 2}, new double[]{1, 10}));
        assertThat(g.input().data()).containsExactly(21, -9);
        assertThat(g.weight().data()).containsExactly(1, 2, 10, 20);
        assertThat(g.bias().data()).containsExactly(1, 10);
    }

    @Test
    void activationsAndTheirSlopes() {
        Tensor x = new Tensor(new int[]{2}, new double[]{-1, 2});
        Tensor ones = filled(1, 2);

        assertThat(ReferenceOps.relu(x).data()).containsExactly(0, 2);
        assertThat(ReferenceOps.leakyRelu(x, 0.1).data()).containsExactly(-0.1, 2);
        assertThat(ReferenceOps.elu(x, 1).data()[0]).isCloseTo(Math.exp(-1) - 1, within(1e-15));
        assertThat(ReferenceGradients.relu(x, ones).input().data()).containsExactly(0, 1);
        assertThat(ReferenceGradients.leakyRelu(x, ones, 0.1).input().data()).containsExactly(0.1, 1);
        assertThat(ReferenceGradients.elu(x, ones, 2).input().data()).containsExactly(2 * Math.exp(-1), 1);
    }

    @Test
    void batchNormUsesTheBatchMeanAndBiasedVarianceOfEachChannel() {
        // channel 0 holds 1 and 3 (mean 2, variance 1); channel 1 holds 5 and 5 (variance 0)
        Tensor x = new Tensor(new int[]{2, 2}, new double[]{1, 5, 3, 5});
        Tensor gamma = new Tensor(new int[]{2}, new double[]{2, 1});
        Tensor beta = new Tensor(new int[]{2}, new double[]{1, 7});

        assertThat(ReferenceOps.batchNormTraining(x, gamma, beta, 0).data()[0]).isEqualTo(-1);
        assertThat(ReferenceOps.batchNormTraining(x, gamma, beta, 0).data()[2]).isEqualTo(3);
        assertThat(ReferenceOps.batchNormTraining(x, gamma, beta, 1).data()[1]).isEqualTo(7);
        assertThat(ReferenceOps.batchNorm(x, gamma, beta, new double[]{0, 1}, new double[]{3, 0}, 1).data())
                .containsExactly(2, 11, 4, 11);
    }

    @Test
    void softmaxCrossEntropyOfKnownLogits() {
        Tensor even = new Tensor(new int[]{1, 2}, new double[]{0, 0});
        Tensor threeToOne = new Tensor(new int[]{1, 2}, new double[]{0, Math.log(3)});

        assertThat(ReferenceOps.softmaxCrossEntropy(even, new int[]{0})).isCloseTo(Math.log(2), within(1e-15));
        assertThat(ReferenceOps.softmaxCrossEntropy(threeToOne, new int[]{1})).isCloseTo(-Math.log(0.75),
                within(1e-15));
        assertThat(ReferenceGradients.softmaxCrossEntropy(threeToOne, new int[]{1}).input().data()[0])
                .isCloseTo(0.25, within(1e-15));
        // averaged over the batch: two rows halve every gradient
        Tensor two = new Tensor(new int[]{2, 2}, new double[]{0, 0, 0, 0});
        assertThat(ReferenceGradients.softmaxCrossEntropy(two, new int[]{0, 1}).input().data())
                .containsExactly(-0.25, 0.25, 0.25, -0.25);
        assertThat(ReferenceOps.softmax(new Tensor(new int[]{1, 3}, new double[]{1000, 1000, 1000})).data())
                .containsExactly(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15));
    }

    private static Tensor filled(double value, int... shape) {
        Tensor t = Tensor.zeros(shape);
        java.util.Arrays.fill(t.data(), value);
        return t;
    }
}
