package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** The smallest useful CNN: one 3x3 convolution of 32 filters, then the classifier. */
public final class ShallowNet implements NetArchitecture {

    @Override
    public String name() {
        return "shallownet";
    }

    @Override
    public int minimumInputSize() {
        return 1;
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        return new SequentialBlock()
                .add(layers.conv(32, 3, 1, -1))
                .add(layers.activation())
                .add(layers.flatten())
                .add(layers.dense(classes));
    }
}
