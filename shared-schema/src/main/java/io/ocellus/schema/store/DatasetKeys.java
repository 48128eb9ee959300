package io.ocellus.schema.store;

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

    /** The folder of one split's labels: {@code datasets/<name>/<split>/}. */
    public static String splitPrefix(String dataset, String split) {
        return prefix(dataset) + split + "/";
    }

    /** The folder of one label's members: {@code datasets/<name>/<split>/<label>/}. */
    public static String labelPrefix(String dataset, String split, String label) {
        return splitPrefix(dataset, split) + label + "/";
    }
}
