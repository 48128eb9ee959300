package io.ocellus.trainer.nets;

/**
 * What a parameter-free block computes, recorded when {@link Layers} builds it: DJL keeps pool sizes, activation
 * slopes and join functions inside lambdas, where nothing (an ONNX exporter, a reader of the net) can see them.
 */
public sealed interface LayerOp {

    enum PoolKind { MAX, AVERAGE }

    enum JoinKind { CONCAT_CHANNELS, ADD }

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
