package io.ocellus.schema.events;

/** Accuracy of a model on its held-out test split, as fractions in [0, 1]. */
public record TestMetrics(double rank1, Double rank5) {
}
