package io.ocellus.ingest.domain;

import io.ocellus.schema.events.Split;

/**
 * Data-set membership as listable keys, ImageNet-folder style: {@code datasets/<name>/<split>/<label>/<imageId>}.
 * The keys are empty objects in the images bucket; the store's own listing is the data set's truth.
 */
public final class DatasetKeys {

    public static final String ROOT = "datasets/";

    private DatasetKeys() {
    }

    public static String member(String dataset, Split split, String label, String imageId) {
        return ROOT + dataset + "/" + split.value() + "/" + label + "/" + imageId;
    }

    public static String prefix(String dataset) {
        return ROOT + dataset + "/";
    }
}
