package io.ocellus.bench;

import java.time.Duration;
import java.util.Locale;

/** What one closed-loop load measured: requests, failures, and the latency percentiles of the answers. */
record LoadResult(int requests, int failures, Duration elapsed, int samplesPerRequest, double p50Millis,
                  double p99Millis) {

    double requestsPerSecond() {
        return requests / (elapsed.toNanos() / 1e9);
    }

    double imagesPerSecond() {
        return requestsPerSecond() * samplesPerRequest;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%8.0f img/s  (%d requests, %d failed, p50 %.1f ms, p99 %.1f ms)",
                imagesPerSecond(), requests, failures, p50Millis, p99Millis);
    }
}
