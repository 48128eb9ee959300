package io.ocellus.stack.imports;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The end of an import on stdout: counts, reasons, elapsed time and rate, in a form a person or grep can read. */
public final class ImportSummary {

    private ImportSummary() {
    }

    public static void print(PrintStream out, String what, String dataset, String ingest, ImportTally tally) {
        Duration elapsed = tally.elapsed();
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        out.printf(Locale.ROOT, "Imported %s into data set '%s' at %s%n", what, dataset, ingest);
        row(out, "accepted", tally.accepted(), "new images stored");
        row(out, "duplicates", tally.duplicates(), "bytes already stored; membership recorded");
        row(out, "rejected", tally.rejected(), "refused by ingest-service");
        row(out, "failed", tally.failed(), "requests that could not be completed");
        if (tally.skipped() > 0) {
            row(out, "skipped", tally.skipped(), "files that are not PNG, JPEG, BMP or GIF");
        }
        out.printf(Locale.ROOT, "  %-11s %12s%n", "elapsed", duration(elapsed));
        out.printf(Locale.ROOT, "  %-11s %12.1f images/s%n", "rate", tally.processed() / seconds);
        reasons(out, "Rejected, by reason:", tally.rejections());
        reasons(out, "Failed, by reason:", tally.failures());
        out.flush();
    }

    private static void row(PrintStream out, String name, long count, String meaning) {
        out.printf(Locale.ROOT, "  %-11s %,12d  %s%n", name, count, meaning);
    }

    private static void reasons(PrintStream out, String title, List<ImportTally.Reason> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        out.println(title);
        for (ImportTally.Reason reason : reasons) {
            out.printf(Locale.ROOT, "  %,10d  %s (e.g. %s%s)%n", reason.count(), reason.reason(),
                    reason.exampleFile(), reason.exampleDetail() == null ? "" : ": " + reason.exampleDetail());
        }
    }

    /** 6.2 s, 3 min 12 s, 1 h 05 min. */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
