package io.ocellus.stack.imports;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where an import goes and as whom: options every import command shares. */
public final class IngestOptions {

    static final List<String> TASKS = List.of("classify", "detect");

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory of the stack (stack.json, the JWT signing key, the download cache). "
                    + "Default: $OCELLUS_HOME, else .ocellus/ at the repository root.")
    Path stateDir;

    @Option(names = "--ingest", paramLabel = "URL",
            description = "Base URL of ingest-service. Default: the running stack's (stack.json).")
    String ingest;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token for ingest-service. Default: $OCELLUS_TOKEN, else an uploader token "
                    + "minted with the stack's signing key.")
    String token;

    @Option(names = "--tasks", paramLabel = "TASK", split = ",",
            description = "What else the images are for: classify and/or detect, which has inference-service or "
                    + "detector-service run its current models on each image. Default: none, the images are stored "
                    + "for training only.")
    List<String> tasks;

    /** The tasks as ingest-service's form field; empty when none were asked for. */
    String tasksField() {
        if (tasks == null) {
            return "";
        }
        for (String task : tasks) {
            if (!TASKS.contains(task.trim())) {
                throw new ImportAbortedException("unknown task '" + task + "': use classify and/or detect");
            }
        }
        return String.join(",", tasks.stream().map(String::trim).distinct().toList());
    }
}
