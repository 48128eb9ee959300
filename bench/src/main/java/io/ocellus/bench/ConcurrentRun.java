package io.ocellus.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;

/** Pushes every item through an operation with a fixed number of concurrent workers and times the whole run. */
final class ConcurrentRun {

    interface Operation {
        void apply(byte[] item) throws Exception;
    }

    private ConcurrentRun() {
    }

    static IngestThroughputBenchmark.Rate run(List<byte[]> items, int workers, Operation operation)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        operation.apply(items.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new IngestThroughputBenchmark.Rate(items.size(), Duration.ofNanos(System.nanoTime() - started));
    }
}
