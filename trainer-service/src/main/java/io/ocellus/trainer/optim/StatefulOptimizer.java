package io.ocellus.trainer.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the optimizers written in NDArray arithmetic because DJL's PyTorch engine has no fused kernel for them.
 * It computes the regularised gradient {@code g = rescale * grad + weightDecay * w} (L2 weight decay), scopes every
 * temporary array so that nothing leaks into the model's manager, and zeroes the gradient after the update:
 * PyTorch accumulates gradients, and only DJL's built-in optimizers clear them on their own.
 */
abstract class StatefulOptimizer extends Optimizer {

    private final ParameterTracker learningRate;
    private final Map<String, Map<Device, NDArray>> states = new ConcurrentHashMap<>();

    StatefulOptimizer(Builder<?> builder) {
        super(builder);
        this.learningRate = builder.learningRate;
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        NDArray state = withDefaultState(states, parameterId, weight.getDevice(), k -> weight.zerosLike());
        try (NDManager scope = weight.getManager().newSubManager()) {
            // the detached view shares the weight's storage, so the update lands in the weight, but autograd does
            // not see it: PyTorch refuses in-place changes to a leaf that requires a gradient while grad mode is on,
            // and grad mode is on by default on every thread but the one DJL initialised
            NDArray detached = weight.stopGradient();
            detached.attach(scope);
            grad.tempAttach(scope);
            state.tempAttach(scope);
            NDArray g = grad.mul(rescaleGrad);
            if (clipGrad > 0) {
                g = g.clip(-clipGrad, clipGrad);
            }
            float weightDecay = getWeightDecay();
            if (weightDecay != 0) {
                g = g.add(detached.mul(weightDecay));
            }
            step(detached, g, state, lr);
            grad.muli(0);
        }
    }

    /** Updates {@code weight} and its zero-initialised {@code state} in place from the regularised gradient {@code g}. */
    abstract void step(NDArray weight, NDArray g, NDArray state, float lr);

    abstract static class Builder<T extends Builder<T>> extends OptimizerBuilder<T> {

        private ParameterTracker learningRate;

        public T setLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return self();
        }

        void requireTracker() {
            if (learningRate == null) {
                throw new IllegalArgumentException("a learning-rate tracker is required");
            }
        }
    }
}
