package io.ocellus.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@code java …} command line for a child JVM: same JDK as this one, marked with its signature. */
public final class JavaCommand {

    private final List<String> arguments = new ArrayList<>();

    private JavaCommand() {
    }

    /** Starts with this JVM's java binary, a heap limit and the component's signature markers. */
    public static JavaCommand forComponent(String component, StackLayout layout, String maxHeap) {
        JavaCommand command = new JavaCommand();
        command.arguments.add(javaExecutable().toString());
        command.arguments.add("-Xmx" + maxHeap);
        command.arguments.addAll(ProcessSignature.forComponent(component, layout).requiredArguments());
        return command;
    }

    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public JavaCommand systemProperty(String name, Object value) {
        arguments.add("-D" + name + "=" + value);
        return this;
    }

    public JavaCommand arguments(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    public List<String> build() {
        return List.copyOf(arguments);
    }
}
