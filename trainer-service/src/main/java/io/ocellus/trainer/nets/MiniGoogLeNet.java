package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import java.util.List;

/**
 * MiniGoogLeNet for CIFAR-sized inputs: Inception modules (a 1x1 and a 3x3 branch, concatenated) and
 * downsample modules (a stride-2 3x3 convolution next to a stride-2 3x3 max-pool), ending in global average
 * pooling, dropout and the classifier. Global pooling replaces the fixed 7x7 pool, so any input of 7x7 or more
 * works.
 */
public final class MiniGoogLeNet implements NetArchitecture {

    @Override
    public String name() {
        return "minigooglenet";
    }

    @Override
    public int minimumInputSize() {
        // two valid 3x3 stride-2 downsamples: 7 -> 3 -> 1
        return 7;
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        return new SequentialBlock()
                .add(layers.convUnit(96, 3, 1, -1))
                .add(inception(layers, 32, 32))
                .add(inception(layers, 32, 48))
                .add(downsample(layers, 80))
                .add(inception(layers, 112, 48))
                .add(inception(layers, 96, 64))
                .add(inception(layers, 80, 80))
                .add(inception(layers, 48, 96))
                .add(downsample(layers, 96))
                .add(inception(layers, 176, 160))
                .add(inception(layers, 176, 160))
                .add(layers.globalAveragePool())
                .add(layers.dropout(layers.options().dropout()))
                .add(layers.flatten())
                .add(layers.dense(classes));
    }

    /** A 1x1 and a 3x3 convolution side by side; the output has {@code ones + threes} channels. */
    static Block inception(Layers layers, int ones, int threes) {
        return layers.concat(List.of(layers.convUnit(ones, 1, 1, 0), layers.convUnit(threes, 3, 1, -1)));
    }

    /** Halves the spatial size, adding {@code filters} learned channels to the max-pooled input channels. */
    static Block downsample(Layers layers, int filters) {
        return layers.concat(List.of(layers.convUnit(filters, 3, 2, 0), layers.maxPool(3, 2)));
    }
}
