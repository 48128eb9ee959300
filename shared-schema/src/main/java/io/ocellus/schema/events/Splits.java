package io.ocellus.schema.events;

/**
 * How much of the train split to hold out when the data set has no val (or test) split of its own. The carve is
 * random but fixed by the job's seed, so a rerun holds out the same images.
 */
public record Splits(Double validationFraction, Double testFraction) {
}
