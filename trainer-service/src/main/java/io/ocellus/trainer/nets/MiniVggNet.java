package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A small VGG: two stages of two 3x3 convolutions (32 then 64 filters) with batch norm, 2x2 max-pool and 25%
 * dropout, then a 512-unit dense layer with batch norm and dropout, then the classifier.
 */
public final class MiniVggNet implements NetArchitecture {

    private static final double STAGE_DROPOUT = 0.25;

    @Override
    public String name() {
        return "minivggnet";
    }

    @Override
    public int minimumInputSize() {
        return 4;
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        return new SequentialBlock()
                .add(layers.convUnit(32, 3, 1, -1))
                .add(layers.convUnit(32, 3, 1, -1))
                .add(layers.maxPool(2, 2))
                .add(layers.dropout(STAGE_DROPOUT))
                .add(layers.convUnit(64, 3, 1, -1))
                .add(layers.convUnit(64, 3, 1, -1))
                .add(layers.maxPool(2, 2))
                .add(layers.dropout(STAGE_DROPOUT))
                .add(layers.flatten())
                .add(layers.denseUnit(512))
                .add(layers.dropout(layers.options().dropout()))
                .add(layers.dense(classes));
    }
}
