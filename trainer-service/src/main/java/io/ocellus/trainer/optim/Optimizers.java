package io.ocellus.trainer.optim;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

/**
 * The optimizer for each name a training request may carry, all with L2 weight decay. SGD, momentum and Adam
 * are DJL's fused PyTorch kernels; Nesterov, Adagrad and RMSProp are Ocellus' own ({@link StatefulOptimizer}).
 */
public final class Optimizers {

    public static final double DEFAULT_MOMENTUM = 0.9;

    private Optimizers() {
    }

    public static Optimizer of(io.ocellus.schema.events.Optimizer kind, ParameterTracker learningRate,
                               double momentum, double weightDecay) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        float decay = (float) weightDecay;
        return switch (kind) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(learningRate).optWeightDecays(decay).build();
            case MOMENTUM -> Optimizer.sgd().setLearningRateTracker(learningRate).optMomentum((float) momentum)
                    .optWeightDecays(decay).build();
            case NESTEROV -> NesterovSgd.builder().setLearningRateTracker(learningRate).optMomentum((float) momentum)
                    .optWeightDecays(decay).build();
            case ADAGRAD -> AdagradOptimizer.builder().setLearningRateTracker(learningRate).optWeightDecays(decay)
                    .build();
            case RMSPROP -> RmsPropOptimizer.builder().setLearningRateTracker(learningRate).optWeightDecays(decay)
                    .build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(learningRate).optWeightDecays(decay).build();
        };
    }
}
