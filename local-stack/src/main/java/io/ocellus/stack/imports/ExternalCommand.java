package io.ocellus.stack.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs apt-get, dpkg or npm. Their chatter goes to stderr, because stdout carries the import's summary. */
final class ExternalCommand {

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private ExternalCommand() {
    }

    /** Runs quietly and returns stdout+stderr (for dpkg -L and friends). */
    static Result capture(Path workingDirectory, List<String> command) throws IOException, InterruptedException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = run(workingDirectory, command, output);
        return new Result(exit, output.toString(StandardCharsets.UTF_8));
    }

    /** Runs with its output shown on stderr (for installs, which take a while and may need reading). */
    static int showOnStderr(Path workingDirectory, List<String> command, PrintStream stderr)
            throws IOException, InterruptedException {
        stderr.println("ocellus: running " + String.join(" ", command));
        return run(workingDirectory, command, stderr);
    }

    private static int run(Path workingDirectory, List<String> command, OutputStream sink)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return 127; // not installed: the callers say what to install
        }
        try (InputStream out = process.getInputStream()) {
            out.transferTo(sink);
        }
        sink.flush();
        return process.waitFor();
    }

    /** Whether this process runs as root (installing Debian packages needs it). */
    static boolean runningAsRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
