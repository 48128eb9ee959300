package io.ocellus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load: {@code clients} workers each send one request after another for a fixed time; the result
 * counts requests, failures, and the latency percentiles of the successful ones.
 */
final class TimedLoad {

    interface Request {
        /** Sends one request; returns false for an answer that is not a success. */
        boolean send() throws Exception;
    }

    record Result(int requests, int failures, Duration elapsed, int samplesPerRequest, double p50Millis,
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

    private TimedLoad() {
    }

    static Result run(int clients, Duration warmUp, Duration measure, int samplesPerRequest, Request request)
            throws Exception {
        runFor(clients, warmUp, request);
        long started = System.nanoTime();
        List<List<Long>> perClient = runFor(clients, measure, request);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        List<Long> latencies = new ArrayList<>();
        int failures = 0;
        int requests = 0;
        for (List<Long> client : perClient) {
            for (long nanos : client) {
                requests++;
                if (nanos < 0) {
                    failures++;
                } else {
                    latencies.add(nanos);
                }
            }
        }
        Collections.sort(latencies);
        return new Result(requests, failures, elapsed, samplesPerRequest, percentile(latencies, 0.50),
                percentile(latencies, 0.99));
    }

    /** Each client's latencies in nanoseconds, negative for a failed request. */
    private static List<List<Long>> runFor(int clients, Duration duration, Request request) throws Exception {
        long until = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    while (System.nanoTime() < until) {
                        long sent = System.nanoTime();
                        boolean ok = request.send();
                        long took = System.nanoTime() - sent;
                        latencies.add(ok ? took : -1L);
                    }
                    return latencies;
                }));
            }
            List<List<Long>> all = new ArrayList<>();
            for (Future<List<Long>> client : running) {
                all.add(client.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
