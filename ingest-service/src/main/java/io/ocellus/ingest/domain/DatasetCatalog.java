package io.ocellus.ingest.domain;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.DatasetKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads data sets from their membership keys in the store, the only record of what a data set holds. */
@ApplicationScoped
public class DatasetCatalog {

    private final ObjectStore store;

    public DatasetCatalog(ObjectStore store) {
        this.store = store;
    }

    public List<String> names() {
        return store.listChildren(Buckets.IMAGES, DatasetKeys.ROOT);
    }

    /**
     * Counts split by split and label by label. Each listing stays inside one label's folder: S3 servers with a
     * filesystem backend re-walk everything under a prefix for every page, so one listing of a whole large data set
     * would cost time quadratic in its size.
     */
    public DatasetSummary summary(String name) {
        String prefix = DatasetKeys.prefix(name);
        Map<String, DatasetSummary.SplitSummary> splits = new TreeMap<>();
        long total = 0;
        for (String split : store.listChildren(Buckets.IMAGES, prefix)) {
            Map<String, Long> labels = new TreeMap<>();
            String splitPrefix = prefix + split + "/";
            for (String label : store.listChildren(Buckets.IMAGES, splitPrefix)) {
                long images = store.listChildren(Buckets.IMAGES, splitPrefix + label + "/").size();
                if (images > 0) {
                    labels.put(label, images);
                }
            }
            long splitImages = labels.values().stream().mapToLong(Long::longValue).sum();
            if (splitImages > 0) {
                splits.put(split, new DatasetSummary.SplitSummary(splitImages, labels));
                total += splitImages;
            }
        }
        return new DatasetSummary(name, total, splits);
    }
}
