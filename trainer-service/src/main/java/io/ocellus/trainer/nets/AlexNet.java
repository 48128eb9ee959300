package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * AlexNet for 227x227 inputs (it accepts 67x67 and up): an 11x11 stride-4 convolution, a 5x5 one, three 3x3 ones,
 * each stage max-pooled 3x3 stride 2, with batch norm and dropout, then two 4096-unit dense layers.
 */
public final class AlexNet implements NetArchitecture {

    private static final double STAGE_DROPOUT = 0.25;

    @Override
    public String name() {
        return "alexnet";
    }

    @Override
    public int minimumInputSize() {
        // (n - 11) / 4 + 1 must survive three 3x3 stride-2 pools: 67 -> 15 -> 7 -> 3 -> 1
        return 67;
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        double dropout = layers.options().dropout();
        return new SequentialBlock()
                .add(layers.convUnit(96, 11, 4, 0))
                .add(layers.maxPool(3, 2))
                .add(layers.dropout(STAGE_DROPOUT))
                .add(layers.convUnit(256, 5, 1, -1))
                .add(layers.maxPool(3, 2))
                .add(layers.dropout(STAGE_DROPOUT))
                .add(layers.convUnit(384, 3, 1, -1))
                .add(layers.convUnit(384, 3, 1, -1))
                .add(layers.convUnit(256, 3, 1, -1))
                .add(layers.maxPool(3, 2))
                .add(layers.dropout(STAGE_DROPOUT))
                .add(layers.flatten())
                .add(layers.denseUnit(4096))
                .add(layers.dropout(dropout))
                .add(layers.denseUnit(4096))
                .add(layers.dropout(dropout))
                .add(layers.dense(classes));
    }
}
