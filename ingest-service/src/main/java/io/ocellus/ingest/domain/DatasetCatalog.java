package io.ocellus.ingest.domain;

import io.ocellus.commons.storage.Buckets;
import io.ocellus.commons.storage.ObjectStore;
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

    public DatasetSummary summary(String name) {
        String prefix = DatasetKeys.prefix(name);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        long total = 0;
        for (String key : store.listKeys(Buckets.IMAGES, prefix)) {
            String[] parts = key.substring(prefix.length()).split("/");
            if (parts.length != 3) {
                continue; // not a membership key of this layout
            }
            counts.computeIfAbsent(parts[0], split -> new TreeMap<>()).merge(parts[1], 1L, Long::sum);
            total++;
        }
        Map<String, DatasetSummary.SplitSummary> splits = new TreeMap<>();
        counts.forEach((split, labels) -> splits.put(split, new DatasetSummary.SplitSummary(
                labels.values().stream().mapToLong(Long::longValue).sum(), labels)));
        return new DatasetSummary(name, total, splits);
    }
}
