package io.ocellus.trainer.nets;

/**
 * What a parameter-free block computes, recorded when {@link Layers} builds it: DJL keeps pool sizes, activation
 * slopes and join functions inside lambdas, where nothing (an ONNX exporter, a reader of the net) can see them.
 */
public sealed interface LayerOp {

    enum PoolKind { MAX, AVERAGE }

    /**
     * How a join combines its branches: stacked along the channels, added, or (an ensemble) the log of the mean of
     * their softmax probabilities, whose own softmax is that mean.
     */
    enum JoinKind { CONCAT_CHANNELS, ADD, MEAN_PROBABILITIES }

    record Pool(PoolKind kind, int kernel, int stride, int padding) implements LayerOp {
    }

    record GlobalAveragePool() implements LayerOp {
    }

    record Activation(io.ocellus.schema.events.Activation kind, double alpha) implements LayerOp {
    }

    record Flatten() implements LayerOp {
    }

    record Join(JoinKind kind) implements LayerOp {
    }

    record Identity() implements LayerOp {
    }
}
