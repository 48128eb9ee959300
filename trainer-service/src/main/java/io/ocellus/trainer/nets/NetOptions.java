package io.ocellus.trainer.nets;

import io.ocellus.schema.events.Activation;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.NetworkOptions;
import io.ocellus.schema.events.Padding;
import io.ocellus.schema.events.WeightInit;

import java.util.List;

/**
 * How an architecture is built beyond its fixed shape: activation, batch-normalisation placement, weight
 * initialisation, dropout, for ResNet its stages and filters, and for LeNet its padding and head. {@link #defaults()}
 * gives the choices of the classic recipes (ReLU, batch norm after the activation, He initialisation, same padding,
 * dense head).
 */
public record NetOptions(Activation activation, double activationAlpha, BatchNormPlacement batchNorm,
                         WeightInit init, double dropout, List<Integer> stages, List<Integer> filters,
                         Padding padding, Head head) {

    public NetOptions {
        if (activationAlpha < 0) {
            throw new IllegalArgumentException("activation alpha must be >= 0, got " + activationAlpha);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        stages = List.copyOf(stages);
        filters = List.copyOf(filters);
        padding = padding == null ? Padding.SAME : padding;
        head = head == null ? Head.DENSE : head;
    }

    public static NetOptions defaults() {
        return new NetOptions(Activation.RELU, 0.3, BatchNormPlacement.AFTER_ACTIVATION, WeightInit.HE, 0.5,
                List.of(3, 3, 3), List.of(16, 64, 128, 256), Padding.SAME, Head.DENSE);
    }

    public NetOptions withActivation(Activation kind) {
        return new NetOptions(kind, activationAlpha, batchNorm, init, dropout, stages, filters, padding, head);
    }

    public NetOptions withBatchNorm(BatchNormPlacement placement) {
        return new NetOptions(activation, activationAlpha, placement, init, dropout, stages, filters, padding, head);
    }

    public NetOptions withInit(WeightInit weightInit) {
        return new NetOptions(activation, activationAlpha, batchNorm, weightInit, dropout, stages, filters, padding,
                head);
    }

    public NetOptions withDropout(double rate) {
        return new NetOptions(activation, activationAlpha, batchNorm, init, rate, stages, filters, padding, head);
    }

    public NetOptions withPadding(Padding kind) {
        return new NetOptions(activation, activationAlpha, batchNorm, init, dropout, stages, filters, kind, head);
    }

    public NetOptions withHead(Head kind) {
        return new NetOptions(activation, activationAlpha, batchNorm, init, dropout, stages, filters, padding, kind);
    }

    public NetOptions withResidualStages(List<Integer> stageDepths, List<Integer> stageFilters) {
        return new NetOptions(activation, activationAlpha, batchNorm, init, dropout, stageDepths, stageFilters,
                padding, head);
    }

    /** These defaults overridden by whatever a training request's network options set. */
    public NetOptions with(NetworkOptions requested) {
        if (requested == null) {
            return this;
        }
        return new NetOptions(
                requested.activation() == null ? activation : requested.activation(),
                requested.activationAlpha() == null ? activationAlpha : requested.activationAlpha(),
                requested.batchNorm() == null ? batchNorm : requested.batchNorm(),
                requested.init() == null ? init : requested.init(),
                requested.dropout() == null ? dropout : requested.dropout(),
                requested.stages() == null ? stages : requested.stages(),
                requested.filters() == null ? filters : requested.filters(),
                requested.padding() == null ? padding : requested.padding(),
                requested.head() == null ? head : requested.head());
    }
}
