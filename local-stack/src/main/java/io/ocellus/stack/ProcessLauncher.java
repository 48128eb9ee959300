package io.ocellus.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a component as a detached child: its own session (so a Ctrl-C or hang-up of the terminal that ran
 * {@code up} does not reach it), stdin from /dev/null, stdout and stderr appended to its log, pid in its pid file.
 * Nothing ties the child to this JVM, so it keeps running after the CLI exits.
 */
public final class ProcessLauncher {

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final StackLayout layout;
    private final PidFiles pidFiles;

    public ProcessLauncher(StackLayout layout) {
        this.layout = layout;
        this.pidFiles = new PidFiles(layout);
    }

    public Process start(LaunchSpec spec) {
        Path log = layout.logFile(spec.name());
        List<String> command = new ArrayList<>();
        // setsid execs in place (a spawned child is no process-group leader), so the pid stays the server's.
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(spec.command());
        try {
            appendBanner(log, "starting", spec.command());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            pidFiles.write(spec.name(), process.pid());
            return process;
        } catch (IOException e) {
            throw new StackException(spec.name(), "cannot start: " + e.getMessage(), log);
        }
    }

    /** A separator line in the log, so each start's output can be found. */
    static void appendBanner(Path log, String what, List<String> command) throws IOException {
        Files.createDirectories(log.getParent());
        String line = "\n===== " + OffsetDateTime.now() + " ocellus: " + what + ": " + String.join(" ", command) + "\n";
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
