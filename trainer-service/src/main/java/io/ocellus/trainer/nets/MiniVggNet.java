package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;

/**
 * A small VGG: two stages of two 3x3 convolutions (32 then 64 filters) with batch norm, 2x2 max-pool and 25%
 * dropout, then a 512-unit dense layer with batch norm and dropout, then the classifier. With the global-average
 * head the 512 units and the classifier are 1x1 convolutions at every position of the last map, whose class scores
 * are averaged: with valid padding too, the net runs densely over whole images, each position's work shared by
 * every window that sees it.
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

    /** Valid padding: two 3x3 convolutions trim 4 pixels before each pooling halves, so 16 -> 12 -> 6 -> 2 -> 1. */
    @Override
    public int minimumInputSize(NetOptions options) {
        return options.padding() == Padding.VALID ? 16 : minimumInputSize();
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        SequentialBlock features = new SequentialBlock()
                .add(layers.convUnit(32, 3, 1, -1))
                .add(layers.convUnit(32, 3, 1, -1))
                .add(layers.maxPool(2, 2))
                .add(layers.dropout(STAGE_DROPOUT))
                .add(layers.convUnit(64, 3, 1, -1))
                .add(layers.convUnit(64, 3, 1, -1))
                .add(layers.maxPool(2, 2))
                .add(layers.dropout(STAGE_DROPOUT));
        if (layers.options().head() == Head.GLOBAL_AVERAGE) {
            return features
                    .add(layers.convUnit(512, 1, 1, 0))
                    .add(layers.dropout(layers.options().dropout()))
                    .add(layers.conv(classes, 1, 1, 0))
                    .add(layers.globalAveragePool())
                    .add(layers.flatten());
        }
        return features
                .add(layers.flatten())
                .add(layers.denseUnit(512))
                .add(layers.dropout(layers.options().dropout()))
                .add(layers.dense(classes));
    }
}
