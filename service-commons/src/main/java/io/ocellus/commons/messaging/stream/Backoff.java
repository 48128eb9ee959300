package io.ocellus.commons.messaging.stream;

import java.time.Duration;

/** Waits that double from the first to the longest, until a success starts them over. */
final class Backoff {

    private final Duration first;
    private final Duration longest;
    private Duration next;

    Backoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
        this.next = first;
    }

    Duration next() {
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(longest) > 0 ? longest : next.multipliedBy(2);
        return wait;
    }

    void reset() {
        next = first;
    }
}
