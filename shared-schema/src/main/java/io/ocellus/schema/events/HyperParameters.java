package io.ocellus.schema.events;

/**
 * Core training hyper-parameters. {@code momentum} only matters for MOMENTUM/NESTEROV; {@code seed} makes
 * weight initialisation and shuffling reproducible when set.
 */
public record HyperParameters(int epochs, int batchSize, Optimizer optimizer, double learningRate,
                              Double momentum, Double weightDecay, Long seed) {
}
