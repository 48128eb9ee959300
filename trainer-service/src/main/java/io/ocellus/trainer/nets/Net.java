package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A built network: its DJL block (producing logits, one per class), the input it was built for, and what each
 * of its parameter-free blocks computes.
 */
public final class Net {

    private final Block block;
    private final Shape inputShape;
    private final int classes;
    private final Map<Block, LayerOp> ops;

    Net(Block block, Shape inputShape, int classes, Map<Block, LayerOp> ops) {
        this.block = block;
        this.inputShape = inputShape;
        this.classes = classes;
        this.ops = new IdentityHashMap<>(ops);
    }

    public Block block() {
        return block;
    }

    /** One sample's shape, channels first (C, H, W). */
    public Shape inputShape() {
        return inputShape;
    }

    public int classes() {
        return classes;
    }

    /** What {@code child} computes, when it is one of the parameter-free blocks {@link Layers} recorded. */
    public Optional<LayerOp> op(Block child) {
        return Optional.ofNullable(ops.get(child));
    }
}
