package io.ocellus.trainer.nets;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;

/**
 * One CNN architecture. Implementations are small and stateless: they lay out layers through {@link Layers}, which
 * carries the options and records the parameter-free operations.
 */
public interface NetArchitecture {

    /** The name users write in a training request. */
    String name();

    /** The smallest input height and width for which every pooling and strided layer still has an output. */
    int minimumInputSize();

    /**
     * Whether the net may be built with these options' padding and head, and the smallest input it then takes.
     * Only LeNet and MiniVGGNet are offered with valid padding (no layer that needs "same" padding, such as a
     * residual join) or a global-average head.
     */
    default int minimumInputSize(NetOptions options) {
        if (options.padding() == Padding.VALID) {
            throw new IllegalArgumentException(name() + " is not offered with valid padding (lenet and minivggnet are)");
        }
        if (options.head() != Head.DENSE) {
            throw new IllegalArgumentException(name() + " is not offered with a " + options.head().value()
                    + " head (lenet and minivggnet are)");
        }
        return minimumInputSize();
    }

    /** The network, ending in one logit per class, for inputs of {@code channels} channels. */
    Block layout(Layers layers, int channels, int classes);

    /** Builds the net after checking the input size and class count, with a reason a user can act on. */
    default Net build(NetOptions options, int channels, int height, int width, int classes) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(name() + " takes 1 (gray) or 3 (RGB) input channels, got " + channels);
        }
        int minimum = minimumInputSize(options);
        if (Math.min(height, width) < minimum) {
            throw new IllegalArgumentException(name() + " needs inputs of at least " + minimum + "x" + minimum
                    + " pixels, got " + height + "x" + width);
        }
        if (classes < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 classes, got " + classes);
        }
        Layers layers = new Layers(options);
        return layers.finish(layout(layers, channels, classes), new Shape(channels, height, width), classes);
    }
}
