package io.ocellus.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Shows each component of the stack: running (and ready), not ready, or stopped; its URL and pid.",
            "Exit status: 0 when every component is running and ready, 3 otherwise (also when no stack exists)."})
public final class StatusCommand implements Callable<Integer> {

    static final int NOT_ALL_READY = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--json", description = "Print {\"components\":[{name,url,pid,running,ready}, ...]} on stdout.")
    boolean json;

    @Override
    public Integer call() {
        StackLayout layout = stackOptions.layout();
        List<ComponentStatus> statuses = statuses(layout);
        if (json) {
            System.out.println(toJson(statuses));
        } else {
            print(System.out, statuses, layout);
        }
        System.out.flush();
        boolean allReady = !statuses.isEmpty() && statuses.stream().allMatch(ComponentStatus::ready);
        return allReady ? 0 : NOT_ALL_READY;
    }

    /** Every component stack.json or a pid file knows of, in start order. */
    static List<ComponentStatus> statuses(StackLayout layout) {
        PidFiles pidFiles = new PidFiles(layout);
        Optional<StackState> state = StackState.read(layout);
        Set<String> names = new LinkedHashSet<>();
        state.ifPresent(s -> s.components().forEach(c -> names.add(c.name())));
        names.addAll(pidFiles.components());
        List<ComponentStatus> statuses = new ArrayList<>();
        for (String name : names) {
            Optional<StackState.Component> entry = state.flatMap(s -> s.component(name));
            OptionalLong pid = pidFiles.read(name);
            Long shownPid = pid.isPresent() ? Long.valueOf(pid.getAsLong()) : entry.map(StackState.Component::pid).orElse(null);
            boolean running = pidFiles.runningProcess(name).isPresent();
            statuses.add(ComponentStatus.probe(name, entry.map(StackState.Component::url).orElse(null), shownPid,
                    running, KafkaCredentials.adminClientConfig(layout)));
        }
        return statuses;
    }

    static String toJson(List<ComponentStatus> statuses) {
        try {
            return JSON.writeValueAsString(Map.of("components", statuses));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(PrintStream out, List<ComponentStatus> statuses, StackLayout layout) {
        if (statuses.isEmpty()) {
            out.println("No Ocellus stack in " + layout.display(layout.stateDir()) + " (start one with ./ocellus up).");
            return;
        }
        String format = "%-18s %-10s %-28s %8s%n";
        out.printf(Locale.ROOT, format, "COMPONENT", "STATE", "URL", "PID");
        for (ComponentStatus s : statuses) {
            out.printf(Locale.ROOT, format, s.name(), s.state(), s.url() == null ? "-" : s.url(),
                    s.pid() == null ? "-" : s.pid());
        }
    }
}
