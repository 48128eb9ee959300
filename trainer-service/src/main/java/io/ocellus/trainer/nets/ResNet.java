package io.ocellus.trainer.nets;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import java.util.List;

/**
 * ResNet of pre-activation bottleneck residual modules (BN, activation, 1x1 / 3x3 / 1x1 convolutions with K/4,
 * K/4 and K filters). {@code stages} gives the number of modules per stage (e.g. [3, 4, 6, 3]) and
 * {@code filters} the first convolution's filters followed by each stage's K; every stage after the first
 * halves the spatial size in its first module, whose shortcut is a strided 1x1 convolution.
 */
public final class ResNet implements NetArchitecture {

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public int minimumInputSize() {
        // padded 3x3 and 1x1 stride-2 convolutions keep at least one pixel at any size
        return 1;
    }

    @Override
    public Block layout(Layers layers, int channels, int classes) {
        List<Integer> stages = layers.options().stages();
        List<Integer> filters = layers.options().filters();
        if (stages.isEmpty() || filters.size() != stages.size() + 1) {
            throw new IllegalArgumentException("resnet needs one filter count per stage plus one for the first "
                    + "convolution: stages " + stages + ", filters " + filters);
        }
        if (stages.stream().anyMatch(depth -> depth < 1) || filters.stream().anyMatch(f -> f < 4 || f % 4 != 0)) {
            throw new IllegalArgumentException("resnet stages must be >= 1 and filters positive multiples of 4: "
                    + "stages " + stages + ", filters " + filters);
        }
        SequentialBlock net = new SequentialBlock()
                .add(layers.batchNormIfEnabled())
                .add(layers.conv(filters.get(0), 3, 1, -1));
        for (int stage = 0; stage < stages.size(); stage++) {
            int stride = stage == 0 ? 1 : 2;
            net.add(residual(layers, filters.get(stage + 1), stride, true));
            for (int module = 1; module < stages.get(stage); module++) {
                net.add(residual(layers, filters.get(stage + 1), 1, false));
            }
        }
        return net.add(layers.batchNormIfEnabled())
                .add(layers.activation())
                .add(layers.globalAveragePool())
                .add(layers.flatten())
                .add(layers.dense(classes));
    }

    /**
     * One bottleneck module. When {@code reduce} is set the channel count or size changes, so the shortcut is a
     * 1x1 convolution of the pre-activated input; otherwise it is the input itself.
     */
    static Block residual(Layers layers, int filters, int stride, boolean reduce) {
        int bottleneck = filters / 4;
        SequentialBlock body = new SequentialBlock()
                .add(layers.conv(bottleneck, 1, 1, 0))
                .add(layers.batchNormIfEnabled())
                .add(layers.activation())
                .add(layers.conv(bottleneck, 3, stride, 1))
                .add(layers.batchNormIfEnabled())
                .add(layers.activation())
                .add(layers.conv(filters, 1, 1, 0));
        if (reduce) {
            Block joined = layers.add(body, layers.conv(filters, 1, stride, 0));
            return new SequentialBlock()
                    .add(layers.batchNormIfEnabled())
                    .add(layers.activation())
                    .add(joined);
        }
        Block preActivatedBody = new SequentialBlock()
                .add(layers.batchNormIfEnabled())
                .add(layers.activation())
                .add(body);
        return layers.add(preActivatedBody, layers.identity());
    }
}
