package io.ocellus.trainer.nets;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.Padding;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the layers of one network with the activation, batch-norm placement and initialisation of its
 * {@link NetOptions}, and records what every parameter-free block computes. One instance per network: the
 * record belongs to the net, never to a static map shared by every model a server builds.
 */
public final class Layers {

    /** Batch normalisation's epsilon, written into the exported model too. */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    private final NetOptions options;
    private final Initializer weightInit;
    private final Map<Block, LayerOp> ops = new IdentityHashMap<>();

    public Layers(NetOptions options) {
        this.options = options;
        this.weightInit = switch (options.init()) {
            case HE -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.IN, 2);
            case XAVIER -> new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3);
        };
    }

    public NetOptions options() {
        return options;
    }

    /**
     * A convolution; {@code padding} -1 means the net's padding: "same" (odd kernels, stride 1) or, for a net
     * built with valid padding, none.
     */
    public Block conv(int filters, int kernel, int stride, int padding) {
        int pad = padding >= 0 ? padding : options.padding() == Padding.VALID ? 0 : (kernel - 1) / 2;
        Conv2d conv = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).build();
        conv.setInitializer(weightInit, Parameter.Type.WEIGHT);
        return conv;
    }

    /** Convolution, activation and batch norm in the order the options place them. */
    public Block convUnit(int filters, int kernel, int stride, int padding) {
        return unit(conv(filters, kernel, stride, padding));
    }

    public Block dense(int units) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(weightInit, Parameter.Type.WEIGHT);
        return linear;
    }

    /** Dense layer, activation and batch norm in the order the options place them. */
    public Block denseUnit(int units) {
        return unit(dense(units));
    }

    private Block unit(Block weighted) {
        SequentialBlock unit = new SequentialBlock().add(weighted);
        switch (options.batchNorm()) {
            case BEFORE_ACTIVATION -> unit.add(batchNorm()).add(activation());
            case AFTER_ACTIVATION -> unit.add(activation()).add(batchNorm());
            case NONE -> unit.add(activation());
        }
        return unit;
    }

    public Block batchNorm() {
        return BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build();
    }

    /** Batch norm unless the options turned it off; pre-activation residual modules need it standalone. */
    public Block batchNormIfEnabled() {
        return options.batchNorm() == BatchNormPlacement.NONE ? identity() : batchNorm();
    }

    public Block activation() {
        float alpha = (float) options.activationAlpha();
        Block block = switch (options.activation()) {
            case RELU -> ai.djl.nn.Activation.reluBlock();
            case LEAKY_RELU -> ai.djl.nn.Activation.leakyReluBlock(alpha);
            case ELU -> ai.djl.nn.Activation.eluBlock(alpha);
            case PRELU -> new ParametricRelu();
        };
        return record(block, new LayerOp.Activation(options.activation(), alpha));
    }

    public Block maxPool(int kernel, int stride) {
        return record(Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)),
                new LayerOp.Pool(LayerOp.PoolKind.MAX, kernel, stride, 0));
    }

    public Block averagePool(int kernel, int stride) {
        return record(Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)),
                new LayerOp.Pool(LayerOp.PoolKind.AVERAGE, kernel, stride, 0));
    }

    public Block globalAveragePool() {
        return record(Pool.globalAvgPool2dBlock(), new LayerOp.GlobalAveragePool());
    }

    public Block flatten() {
        return record(Blocks.batchFlattenBlock(), new LayerOp.Flatten());
    }

    public Block identity() {
        return record(Blocks.identityBlock(), new LayerOp.Identity());
    }

    /** Dropout at {@code rate}, as a no-op identity when the rate is zero. */
    public Block dropout(double rate) {
        return rate == 0 ? identity() : Dropout.builder().optRate((float) rate).build();
    }

    /** Runs the branches on the same input and stacks their outputs along the channel axis. */
    public Block concat(List<Block> branches) {
        ParallelBlock block = new ParallelBlock(outputs -> new NDList(NDArrays.concat(
                new NDList(outputs.stream().map(NDList::singletonOrThrow).toArray(ai.djl.ndarray.NDArray[]::new)),
                1)), branches);
        return record(block, new LayerOp.Join(LayerOp.JoinKind.CONCAT_CHANNELS));
    }

    /** Runs both branches on the same input and adds their outputs: a residual connection. */
    public Block add(Block body, Block shortcut) {
        ParallelBlock block = new ParallelBlock(outputs -> new NDList(
                outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())), List.of(body, shortcut));
        return record(block, new LayerOp.Join(LayerOp.JoinKind.ADD));
    }

    /** The finished net; {@code block} must produce one logit per class. */
    public Net finish(Block block, Shape inputShape, int classes) {
        return new Net(block, inputShape, classes, ops);
    }

    private Block record(Block block, LayerOp op) {
        ops.put(block, op);
        return block;
    }
}
