package io.ocellus.stack.imports;

import picocli.CommandLine.Option;

/** How an image-by-image import is paced: options of every import command that uploads images itself. */
public final class BatchOptions {

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Images per request (default: ${DEFAULT-VALUE}; ingest-service takes up to 1000).")
    int batch;

    @Option(names = "--limit", paramLabel = "N",
            description = "Import only the first N images (for a quick try).")
    Long limit;

    void validate() {
        if (concurrency < 1 || concurrency > 64) {
            throw new ImportAbortedException("--concurrency must be between 1 and 64");
        }
        if (batch < 1 || batch > 1000) {
            throw new ImportAbortedException("--batch must be between 1 and 1000");
        }
        if (limit != null && limit < 1) {
            throw new ImportAbortedException("--limit must be at least 1");
        }
    }
}
