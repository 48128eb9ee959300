package io.ocellus.trainer.optim;

import ai.djl.ndarray.NDArray;

/**
 * RMSProp: a running average of squared gradients scales each step,
 * {@code s = rho * s + (1 - rho) * g^2}, {@code w = w - lr * g / (sqrt(s) + eps)}.
 */
public final class RmsPropOptimizer extends StatefulOptimizer {

    private final float rho;
    private final float epsilon;

    private RmsPropOptimizer(Builder builder) {
        super(builder);
        this.rho = builder.rho;
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    void step(NDArray weight, NDArray g, NDArray meanSquare, float lr) {
        meanSquare.muli(rho).addi(g.square().muli(1 - rho));
        weight.subi(g.div(meanSquare.sqrt().addi(epsilon)).muli(lr));
    }

    public static final class Builder extends StatefulOptimizer.Builder<Builder> {

        private float rho = 0.9f;
        private float epsilon = 1e-7f;

        public Builder optRho(float value) {
            this.rho = value;
            return this;
        }

        public Builder optEpsilon(float value) {
            this.epsilon = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public RmsPropOptimizer build() {
            requireTracker();
            return new RmsPropOptimizer(this);
        }
    }
}
