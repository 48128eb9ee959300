package io.ocellus.trainer.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU, {@code max(0, x) + a * min(0, x)} with one learned slope {@code a} (He et al., starting at 0.25). DJL's
 * own Prelu block calls a kernel the PyTorch engine does not implement, so Ocellus computes it from NDArray ops.
 */
public final class ParametricRelu extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float START = 0.25f;

    private final Parameter alpha;

    public ParametricRelu() {
        super(VERSION);
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(START)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray slope = store.getValue(alpha, x.getDevice(), training);
        return new NDList(x.maximum(0).add(x.minimum(0).mul(slope)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
