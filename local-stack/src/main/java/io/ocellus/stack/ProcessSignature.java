package io.ocellus.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pid-reuse guard: arguments that only the process this stack started for a component has on its command
 * line. A pid file whose process lacks them now belongs to someone else and is never signalled.
 */
public record ProcessSignature(List<String> requiredArguments) {

    static final String COMPONENT_PROPERTY = "ocellus.component";
    static final String STACK_PROPERTY = "ocellus.stack.home";

    public ProcessSignature {
        requiredArguments = List.copyOf(requiredArguments);
    }

    /**
     * Java children carry two marker system properties; Prometheus (not a JVM, and it rejects unknown flags) is
     * recognised by its storage path inside this state directory.
     */
    public static ProcessSignature forComponent(String component, StackLayout layout) {
        if (StackComponents.PROMETHEUS.equals(component)) {
            return new ProcessSignature(List.of(PrometheusServer.storageFlag(layout)));
        }
        return new ProcessSignature(List.of(
                "-D" + COMPONENT_PROPERTY + "=" + component,
                "-D" + STACK_PROPERTY + "=" + layout.stateDir()));
    }

    /** True when the process is alive and its command line carries every required argument. */
    public boolean matches(ProcessHandle process) {
        if (!ProcessLiveness.isRunning(process)) {
            return false;
        }
        ProcessHandle.Info info = process.info();
        Optional<List<String>> arguments = info.arguments().map(Arrays::asList);
        if (arguments.isPresent()) {
            return arguments.get().containsAll(requiredArguments);
        }
        // Some platforms only give the joined command line.
        return info.commandLine().map(line -> requiredArguments.stream().allMatch(line::contains)).orElse(false);
    }

    /** The live process with that pid, when it is still the one this signature describes. */
    public Optional<ProcessHandle> find(long pid) {
        return ProcessHandle.of(pid).filter(this::matches);
    }
}
