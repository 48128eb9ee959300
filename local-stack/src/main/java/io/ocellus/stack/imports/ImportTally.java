package io.ocellus.stack.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of an import, updated by every uploader thread; rejections and failures grouped by reason. */
public final class ImportTally {

    /** How often one reason occurred, with the first file and detail as an example. */
    public record Reason(String reason, long count, String exampleFile, String exampleDetail) {
    }

    private final long startNanos = System.nanoTime();
    private long accepted;
    private long duplicates;
    private long rejected;
    private long failed;
    private long skipped;
    private final Map<String, Reason> rejections = new LinkedHashMap<>();
    private final Map<String, Reason> failures = new LinkedHashMap<>();

    public synchronized void record(List<FileOutcome> outcomes) {
        outcomes.forEach(this::record);
    }

    public synchronized void record(FileOutcome outcome) {
        switch (outcome.kind()) {
            case ACCEPTED -> accepted++;
            case DUPLICATE -> duplicates++;
            case REJECTED -> {
                rejected++;
                count(rejections, outcome);
            }
            case FAILED -> {
                failed++;
                count(failures, outcome);
            }
        }
    }

    public synchronized void skipped(long files) {
        skipped += files;
    }

    private static void count(Map<String, Reason> reasons, FileOutcome outcome) {
        reasons.merge(outcome.reason(), new Reason(outcome.reason(), 1, outcome.filename(), outcome.detail()),
                (a, b) -> new Reason(a.reason(), a.count() + 1, a.exampleFile(), a.exampleDetail()));
    }

    public synchronized long accepted() {
        return accepted;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long rejected() {
        return rejected;
    }

    public synchronized long failed() {
        return failed;
    }

    public synchronized long skipped() {
        return skipped;
    }

    /** Samples the service answered for or that failed: what the progress bar counts. */
    public synchronized long processed() {
        return accepted + duplicates + rejected + failed;
    }

    public synchronized List<Reason> rejections() {
        return new ArrayList<>(rejections.values());
    }

    public synchronized List<Reason> failures() {
        return new ArrayList<>(failures.values());
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public synchronized boolean clean() {
        return rejected == 0 && failed == 0;
    }
}
