package io.ocellus.stack.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {
            "Streams a tar, tar.gz or zip archive to ingest-service (POST /v1/datasets/{name}/archive), which reads "
                    + "it entry by entry: <label>/<file> or <split>/<label>/<file> inside the archive.",
            "The service's per-entry answers drive the progress bar; the summary is the service's own count."})
public final class ArchiveImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The archive (.tar, .tar.gz, .tgz, .zip).")
    Path archive;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Data-set name.")
    String dataset;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "Split of entries whose path names none (<label>/<file>); default train.")
    String split;

    @Mixin
    IngestOptions ingest;

    @Override
    public Integer call() throws Exception {
        ImportRun.requireSafeDataset(dataset);
        ImportRun.requireSplit(split, List.of("train", "val", "test"));
        if (!Files.isRegularFile(archive)) {
            throw new ImportAbortedException(archive + " is not a file");
        }
        String tasks = ingest.tasksField();
        IngestTarget target = IngestTarget.resolve(ingest);
        var http = IngestClient.newHttpClient();
        target.checkReachable(http);

        ImportTally tally = new ImportTally();
        ArchiveClient.Result result;
        try (ImportProgress progress = ImportProgress.create(dataset, ArchiveEntries.countFiles(archive),
                System.err)) {
            result = new ArchiveClient(http, target.base(), target.token(), RetryPolicy.DEFAULT)
                    .upload(archive, dataset, split, tasks, tally, progress);
        }
        ImportSummary.print(System.out, archive.toString(), dataset, target.base().toString(), tally);
        if (!ArchiveClient.agrees(result.summary(), tally)) {
            System.err.println("ocellus: the service's summary differs from its per-entry lines: " + result.summary());
        }
        JsonNode error = result.error() != null ? result.error()
                : result.summary() == null ? null : result.summary().get("error");
        if (error != null && !error.isNull()) {
            throw new ImportAbortedException("ingest-service stopped reading the archive early: "
                    + error.path("status").asText() + " " + error.path("code").asText() + " — "
                    + error.path("reason").asText() + (error.has("lastEntry") ? " (after entry "
                    + error.path("lastEntry").asText() + ")" : ""));
        }
        if (result.summary() == null) {
            throw new ImportAbortedException("the answer ended without a summary: the upload may be incomplete");
        }
        return tally.clean() ? 0 : 1;
    }
}
