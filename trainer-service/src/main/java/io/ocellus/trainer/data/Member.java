package io.ocellus.trainer.data;

/** One image of a data set as its keys list it: {@code datasets/<name>/<split>/<label>/<imageId>}. */
public record Member(String split, String label, String imageId) {
}
