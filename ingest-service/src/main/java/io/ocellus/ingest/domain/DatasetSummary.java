package io.ocellus.ingest.domain;

import java.util.Map;

/** A data set's size: images in all, per split, and per label within each split. */
public record DatasetSummary(String name, long images, Map<String, SplitSummary> splits) {

    public record SplitSummary(long images, Map<String, Long> labels) {
    }
}
