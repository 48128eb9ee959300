package io.ocellus.stack;

import java.io.PrintStream;
import java.util.Locale;

/** The summary {@code up} prints: one row per component, then the URLs worth bookmarking. */
public final class StackTable {

    private StackTable() {
    }

    public static void print(PrintStream out, StackState state, StackLayout layout) {
        String format = "%-18s %-28s %8s%n";
        out.printf(Locale.ROOT, format, "COMPONENT", "URL", "PID");
        for (StackState.Component c : state.components()) {
            out.printf(Locale.ROOT, format, c.name(), c.url(), c.pid() == null ? "-" : c.pid().toString());
        }
        out.println();
        out.println("Useful URLs:");
        for (StackState.Component c : state.components()) {
            if (c.health() != null) {
                out.printf(Locale.ROOT, "  %-18s %s   %s%n", c.name(), c.health(), c.metrics());
            }
        }
        state.component(StackComponents.PROMETHEUS).ifPresent(p ->
                out.printf(Locale.ROOT, "  %-18s %s/targets%n", p.name(), p.url()));
        state.component(StackComponents.S3).ifPresent(s -> out.printf(Locale.ROOT,
                "  %-18s %s  (access key %s, secret in %s)%n", s.name(), s.url(), s.accessKey(),
                layout.display(S3Credentials.file(layout))));
        state.component(StackComponents.KAFKA).ifPresent(k -> out.printf(Locale.ROOT,
                "  %-18s bootstrap %s  (./ocellus events --topic <topic>)%n", k.name(), k.url()));
        out.println();
        out.println("State: " + layout.display(layout.stateDir()) + "   logs: " + layout.display(layout.logsDir())
                + "   stop: ./ocellus down");
        out.flush();
    }
}
