package io.ocellus.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Progress lines on stderr, one per event, aligned by component; stdout stays for results. */
public final class Progress {

    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress stderr() {
        return new Progress(System.err);
    }

    public void component(String component, String message) {
        out.printf(Locale.ROOT, "  %-18s %s%n", component, message);
        out.flush();
    }

    public void line(String message) {
        out.println(message);
        out.flush();
    }

    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
