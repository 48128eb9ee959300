package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import java.util.List;

/**
 * SqueezeNet 1.0: a 7x7 stride-2 convolution, eight Fire modules (a 1x1 squeeze, then 1x1 and 3x3 expands side by
 * side) between 3x3 stride-2 max-pools, dropout, and a 1x1 convolution to the classes, globally average-pooled.
 */
public final class SqueezeNet implements NetArchitecture {

    @Override
    public String name() {
        return "squeezenet";
    }

    @Override
    public int minimumInputSize() {
        // (n - 7) / 2 + 1 must survive three 3x3 stride-2 pools: 35 -> 15 -> 7 -> 3 -> 1
        return 35;
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        return new SequentialBlock()
                .add(layers.conv(96, 7, 2, 0))
                .add(layers.activation())
                .add(layers.maxPool(3, 2))
                .add(fire(layers, 16, 64))
                .add(fire(layers, 16, 64))
                .add(fire(layers, 32, 128))
                .add(layers.maxPool(3, 2))
                .add(fire(layers, 32, 128))
                .add(fire(layers, 48, 192))
                .add(fire(layers, 48, 192))
                .add(fire(layers, 64, 256))
                .add(layers.maxPool(3, 2))
                .add(fire(layers, 64, 256))
                .add(layers.dropout(layers.options().dropout()))
                .add(layers.conv(classes, 1, 1, 0))
                .add(layers.globalAveragePool())
                .add(layers.flatten());
    }

    /** Squeeze to {@code squeeze} channels, expand to {@code expand} 1x1 plus {@code expand} 3x3 channels. */
    static Block fire(Layers layers, int squeeze, int expand) {
        return new SequentialBlock()
                .add(layers.conv(squeeze, 1, 1, 0))
                .add(layers.activation())
                .add(layers.concat(List.of(
                        new SequentialBlock().add(layers.conv(expand, 1, 1, 0)).add(layers.activation()),
                        new SequentialBlock().add(layers.conv(expand, 3, 1, -1)).add(layers.activation()))));
    }
}
