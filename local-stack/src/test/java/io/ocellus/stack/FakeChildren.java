package io.ocellus.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts stand-in processes for tests and kills whatever is left of them afterwards. */
final class FakeChildren implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();

    /** A JVM that carries the component's signature, as if {@code up} had started it. */
    Process marked(String component, StackLayout layout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaExecutable().toString());
        command.add("-Xmx16m");
        command.addAll(ProcessSignature.forComponent(component, layout).requiredArguments());
        command.addAll(List.of("-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
                Sleeper.class.getName(), "120"));
        return start(command);
    }

    /** A process of "someone else" that happens to have a pid recorded in a pid file. */
    Process foreign() throws IOException {
        return start(List.of("sleep", "120"));
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return process;
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
