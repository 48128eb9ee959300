package io.ocellus.stack.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Groups samples into batches per label and split (the form's label and split apply to every file of a request)
 * and keeps at most {@code concurrency} requests in flight. The producer blocks while all are busy, and the
 * partly filled groups are capped, so memory stays flat however large the data set is.
 */
public final class BatchUploader {

    /** Whatever sends one batch; {@link IngestClient} in real use. */
    @FunctionalInterface
    public interface BatchSender {
        List<FileOutcome> upload(Sample.Group group, List<Sample> samples) throws InterruptedException;
    }

    static final long MAX_BATCH_BYTES = 32L << 20;

    private final BatchSender sender;
    private final int batchSize;
    private final int concurrency;
    private final ImportTally tally;
    private final ImportProgress progress;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Map<Sample.Group, List<Sample>> pending = new LinkedHashMap<>();
    private final Map<Sample.Group, Long> pendingBytes = new LinkedHashMap<>();
    private final int maxPending;
    private int pendingCount;
    private volatile ImportAbortedException abort;

    public BatchUploader(BatchSender sender, int batchSize, int concurrency, ImportTally tally,
            ImportProgress progress) {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batch size and concurrency must be at least 1");
        }
        this.sender = sender;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.tally = tally;
        this.progress = progress;
        this.slots = new Semaphore(concurrency);
        this.maxPending = batchSize * 16;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "ocellus-upload-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a sample; returns false once the import was aborted (the source should stop). */
    public boolean add(Sample sample) throws InterruptedException {
        if (abort != null) {
            return false;
        }
        Sample.Group group = sample.group();
        List<Sample> samples = pending.computeIfAbsent(group, g -> new ArrayList<>(batchSize));
        samples.add(sample);
        long bytes = pendingBytes.merge(group, sample.size(), Long::sum);
        pendingCount++;
        if (samples.size() >= batchSize || bytes >= MAX_BATCH_BYTES) {
            flush(group);
        } else if (pendingCount > maxPending) {
            // many labels interleaved: send the fullest group early rather than buffer without end
            flush(pending.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                    .orElseThrow().getKey());
        }
        return abort == null;
    }

    /** Sends what is left, waits for every request, and rethrows an abort (401/403) from any of them. */
    public void finish() throws InterruptedException {
        try {
            for (Sample.Group group : new ArrayList<>(pending.keySet())) {
                if (abort != null) {
                    break;
                }
                flush(group);
            }
            slots.acquire(concurrency); // every permit back: nothing is in flight
            slots.release(concurrency);
        } finally {
            workers.shutdownNow();
        }
        if (abort != null) {
            throw abort;
        }
    }

    private void flush(Sample.Group group) throws InterruptedException {
        List<Sample> batch = pending.remove(group);
        pendingBytes.remove(group);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        pendingCount -= batch.size();
        slots.acquire();
        if (abort != null) {
            slots.release();
            return;
        }
        workers.execute(() -> send(group, batch));
    }

    private void send(Sample.Group group, List<Sample> batch) {
        try {
            List<FileOutcome> outcomes = sender.upload(group, batch);
            tally.record(outcomes);
            progress.advance(batch.size());
        } catch (ImportAbortedException e) {
            abort = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a bug or an unreadable file must not hang the import: count the batch as failed and go on
            tally.record(IngestClient.failAll(batch, e.getClass().getSimpleName() + ": " + e.getMessage(), null));
            progress.advance(batch.size());
        } finally {
            slots.release();
        }
    }
}
