package io.ocellus.monitor.domain;

import java.util.List;

/** A model, the version being served ({@code null} before any promotion is seen) and its versions, newest first. */
public record ModelView(String name, Integer currentVersion, List<String> labels, List<ModelVersionView> versions) {

    public ModelView {
        labels = labels == null ? List.of() : List.copyOf(labels);
        versions = List.copyOf(versions);
    }
}
