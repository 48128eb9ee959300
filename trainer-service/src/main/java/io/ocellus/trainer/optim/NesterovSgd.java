package io.ocellus.trainer.optim;

import ai.djl.ndarray.NDArray;

/**
 * SGD with Nesterov accelerated gradient, in PyTorch's formulation: {@code v = mu * v + g},
 * {@code w = w - lr * (g + mu * v)}.
 */
public final class NesterovSgd extends StatefulOptimizer {

    private final float momentum;

    private NesterovSgd(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    void step(NDArray weight, NDArray g, NDArray velocity, float lr) {
        velocity.muli(momentum).addi(g);
        weight.subi(g.add(velocity.mul(momentum)).muli(lr));
    }

    public static final class Builder extends StatefulOptimizer.Builder<Builder> {

        private float momentum = 0.9f;

        public Builder optMomentum(float value) {
            this.momentum = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public NesterovSgd build() {
            requireTracker();
            return new NesterovSgd(this);
        }
    }
}
