package io.ocellus.trainer.training;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.schedule.LearningRateSchedule;

import java.util.Set;

/**
 * Which of a net's parameters stay frozen, and when: the {@code body} (the layers a fine-tuned net took from its
 * base) for the first {@code warmUpEpochs} epochs, or for all of them when {@code always}; after the warm-up the
 * whole net trains, at the learning rate scaled by {@code fineTuneFactor}. A frozen parameter gets no gradient and
 * no update, not even weight decay: its values stay exactly as they were.
 */
public record Freezing(Set<String> body, int warmUpEpochs, boolean always, double fineTuneFactor) {

    private static final Set<Parameter.Type> RUNNING_STATISTICS = Set.of(Parameter.Type.RUNNING_MEAN,
            Parameter.Type.RUNNING_VAR);

    public Freezing {
        body = Set.copyOf(body);
    }

    /** Whether the body is frozen in the epoch of 0-based index {@code epochIndex}. */
    public boolean bodyFrozen(int epochIndex) {
        return always || epochIndex < warmUpEpochs;
    }

    /** Freezes or thaws the body's parameters for the epoch of index {@code epochIndex}. */
    void apply(Net net, int epochIndex) {
        boolean frozen = bodyFrozen(epochIndex);
        for (Pair<String, Parameter> parameter : net.block().getParameters()) {
            // running statistics are never trained: thawing them would ask PyTorch for their gradient
            if (body.contains(parameter.getKey()) && !RUNNING_STATISTICS.contains(parameter.getValue().getType())) {
                parameter.getValue().freeze(frozen);
            }
        }
    }

    /** {@code schedule}, scaled by {@link #fineTuneFactor} once the body trains. */
    LearningRateSchedule schedule(LearningRateSchedule schedule) {
        return (iteration, perEpoch) -> schedule.rate(iteration, perEpoch)
                * (bodyFrozen(LearningRateSchedule.epochOf(iteration, perEpoch)) ? 1 : fineTuneFactor);
    }
}
