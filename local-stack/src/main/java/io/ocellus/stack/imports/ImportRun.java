package io.ocellus.stack.imports;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs one image-by-image import: source → batches → ingest-service, with progress on stderr and the summary on
 * stdout. Exit status 0 only when every sample was stored (new or duplicate).
 */
public final class ImportRun {

    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final IngestOptions ingest;
    private final BatchOptions batch;
    private final PrintStream out;
    private final PrintStream err;

    public ImportRun(IngestOptions ingest, BatchOptions batch, PrintStream out, PrintStream err) {
        this.ingest = ingest;
        this.batch = batch;
        this.out = out;
        this.err = err;
    }

    public int run(String dataset, SampleSource source) throws InterruptedException {
        requireSafeDataset(dataset);
        batch.validate();
        String tasks = ingest.tasksField();
        IngestTarget target = IngestTarget.resolve(ingest);
        HttpClient http = IngestClient.newHttpClient();
        target.checkReachable(http);

        long expected = source.expectedCount();
        long total = batch.limit == null ? expected : expected < 0 ? batch.limit : Math.min(expected, batch.limit);
        ImportTally tally = new ImportTally();
        IngestClient client = new IngestClient(http, target.base(), target.token(), dataset, tasks,
                RetryPolicy.DEFAULT, REQUEST_TIMEOUT);
        IOException sourceError = null;
        try (ImportProgress progress = ImportProgress.create(dataset, total, err)) {
            BatchUploader uploader = new BatchUploader(client::upload, batch.batch, batch.concurrency, tally,
                    progress);
            long[] emitted = {0};
            long limit = batch.limit == null ? Long.MAX_VALUE : batch.limit;
            try {
                source.emit(sample -> uploader.add(sample) && ++emitted[0] < limit);
            } catch (IOException e) {
                sourceError = e; // the batches already in flight still finish and are counted
            }
            uploader.finish();
        }
        if (source instanceof FolderSource folder) {
            reportSkipped(folder.skipped(), tally);
        }
        ImportSummary.print(out, describe(source, total), dataset, target.base().toString(), tally);
        if (sourceError != null) {
            throw new ImportAbortedException("reading " + source.describe() + " failed: " + sourceError.getMessage());
        }
        return tally.clean() ? 0 : 1;
    }

    private static String describe(SampleSource source, long total) {
        return total < 0 ? source.describe() : String.format(Locale.ROOT, "%,d images of %s", total,
                source.describe());
    }

    private void reportSkipped(List<java.nio.file.Path> skipped, ImportTally tally) {
        if (skipped.isEmpty()) {
            return;
        }
        tally.skipped(skipped.size());
        err.println("ocellus: skipped " + skipped.size() + " file(s) that are not PNG, JPEG, BMP or GIF, e.g. "
                + skipped.subList(0, Math.min(3, skipped.size())));
    }

    static void requireSafeDataset(String dataset) {
        if (!SafeName.isSafe(dataset)) {
            throw new ImportAbortedException("data-set name '" + dataset + "' is not allowed: " + SafeName.RULE);
        }
    }

    static void requireSplit(String split, List<String> allowed) {
        if (split != null && !allowed.contains(split)) {
            throw new ImportAbortedException("unknown split '" + split + "': use one of " + allowed);
        }
    }
}
