package io.ocellus.schema.events;

/** One entry of a top-k classification. */
public record LabelScore(String label, double probability) {
}
