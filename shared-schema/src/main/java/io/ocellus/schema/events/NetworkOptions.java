package io.ocellus.schema.events;

import java.util.List;

/**
 * How the architecture is built; every field is optional and falls back to the classic recipe (ReLU, batch norm
 * after the activation, He initialisation, dropout 0.5). {@code stages} and {@code filters} shape a ResNet: modules
 * per stage, and the first convolution's filters followed by each stage's. {@code padding} (optional, default
 * {@code same}) is {@code valid} for a net a detector runs densely over whole images; {@code head} (optional,
 * default {@code dense}) is {@code global-average} for a LeNet whose 500-unit layer and classifier run as 1x1
 * convolutions averaged over the map, work a dense search shares between overlapping windows.
 */
public record NetworkOptions(Activation activation, Double activationAlpha, BatchNormPlacement batchNorm,
                             WeightInit init, Double dropout, List<Integer> stages, List<Integer> filters,
                             Padding padding, Head head) {

    public NetworkOptions {
        stages = stages == null ? null : List.copyOf(stages);
        filters = filters == null ? null : List.copyOf(filters);
    }

    public NetworkOptions(Activation activation, Double activationAlpha, BatchNormPlacement batchNorm,
                          WeightInit init, Double dropout, List<Integer> stages, List<Integer> filters) {
        this(activation, activationAlpha, batchNorm, init, dropout, stages, filters, null, null);
    }
}
