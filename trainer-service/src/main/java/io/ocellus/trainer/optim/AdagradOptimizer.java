package io.ocellus.trainer.optim;

import ai.djl.ndarray.NDArray;

/**
 * Adagrad: every parameter's step shrinks with the sum of its squared gradients,
 * {@code s = s + g^2}, {@code w = w - lr * g / (sqrt(s) + eps)}.
 */
public final class AdagradOptimizer extends StatefulOptimizer {

    private final float epsilon;

    private AdagradOptimizer(Builder builder) {
        super(builder);
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    void step(NDArray weight, NDArray g, NDArray sumOfSquares, float lr) {
        sumOfSquares.addi(g.square());
        weight.subi(g.div(sumOfSquares.sqrt().addi(epsilon)).muli(lr));
    }

    public static final class Builder extends StatefulOptimizer.Builder<Builder> {

        private float epsilon = 1e-7f;

        public Builder optEpsilon(float value) {
            this.epsilon = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public AdagradOptimizer build() {
            requireTracker();
            return new AdagradOptimizer(this);
        }
    }
}
