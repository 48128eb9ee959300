package io.ocellus.monitor.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** An insertion-ordered map that forgets its oldest entries beyond a capacity. Not thread-safe. */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    BoundedMap(int capacity) {
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
