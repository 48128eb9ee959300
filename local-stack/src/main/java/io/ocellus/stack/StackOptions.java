package io.ocellus.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The state-directory option every subcommand shares. */
public final class StackOptions {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (logs, pids, data, config, stack.json). Default: $OCELLUS_HOME, "
                    + "else .ocellus/ at the repository root.")
    Path stateDir;

    public StackLayout layout() {
        return StackLayout.resolve(stateDir);
    }
}
