package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;

/**
 * LeNet as used on MNIST: two 5x5 convolution (20, 50 filters) + 2x2 max-pool stages, a 500-unit dense layer and
 * the classifier. Batch norm is not part of the classic net and is left out whatever the options say.
 *
 * <p>With a global-average head the 500-unit layer and the classifier are 1x1 convolutions that score every
 * position of the last map, and the scores are averaged over it (as in Network in Network). For one window that is
 * a little less work; for a detector's dense search, which runs the net over a whole image, it is far less,
 * because those layers then run once per position instead of once per window and position.
 */
public final class LeNet implements NetArchitecture {

    @Override
    public String name() {
        return "lenet";
    }

    @Override
    public int minimumInputSize() {
        return 4;
    }

    /** Valid padding: each 5x5 convolution trims 4 pixels and each pooling halves, so 16 -> 12 -> 6 -> 2 -> 1. */
    @Override
    public int minimumInputSize(NetOptions options) {
        return options.padding() == Padding.VALID ? 16 : minimumInputSize();
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        SequentialBlock features = new SequentialBlock()
                .add(layers.conv(20, 5, 1, -1))
                .add(layers.activation())
                .add(layers.maxPool(2, 2))
                .add(layers.conv(50, 5, 1, -1))
                .add(layers.activation())
                .add(layers.maxPool(2, 2));
        if (layers.options().head() == Head.GLOBAL_AVERAGE) {
            return features
                    .add(layers.conv(500, 1, 1, 0))
                    .add(layers.activation())
                    .add(layers.conv(classes, 1, 1, 0))
                    .add(layers.globalAveragePool())
                    .add(layers.flatten());
        }
        return features
                .add(layers.flatten())
                .add(layers.dense(500))
                .add(layers.activation())
                .add(layers.dense(classes));
    }
}
