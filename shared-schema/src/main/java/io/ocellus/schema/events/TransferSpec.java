package io.ocellus.schema.events;

/** Start from a published model; a null {@code baseVersion} means its latest version. */
public record TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase) {
}
