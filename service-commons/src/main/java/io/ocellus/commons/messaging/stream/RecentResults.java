package io.ocellus.commons.messaging.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The results a stream has published lately, by identity (say image, model and version), so that the same image
 * announced twice (an upload repeated after a timeout, an outbox relaying an announcement that had landed) is not
 * answered twice. Transactions already make each record's effect happen once; this makes each result happen once
 * across records. The stream fills it after each commit and, when it starts, from the tail of the results' own
 * topic, so a restart remembers what was published before it: no store call per result.
 */
public final class RecentResults<R> {

    private final Class<R> type;
    private final Function<R, String> identity;
    private final int capacity;
    private final Duration window;
    private final Map<String, Boolean> seen;

    /** Remembers up to {@code capacity} results, and on start reads back those published within {@code window}. */
    public RecentResults(Class<R> type, Function<R, String> identity, int capacity, Duration window) {
        this.type = type;
        this.identity = identity;
        this.capacity = capacity;
        this.window = window;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentResults.this.capacity;
            }
        };
    }

    /** Whether a result of this identity has been published. */
    public synchronized boolean contains(String id) {
        return seen.containsKey(id);
    }

    /** The identity of {@code event} when it is a result this log follows, else null. */
    String identityOf(Object event) {
        return type.isInstance(event) ? identity.apply(type.cast(event)) : null;
    }

    synchronized void add(String id) {
        seen.put(id, Boolean.TRUE);
    }

    Class<R> type() {
        return type;
    }

    int capacity() {
        return capacity;
    }

    Duration window() {
        return window;
    }
}
