package io.ocellus.stack.imports;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of an import on stderr: a live bar (count, rate, ETA) on a terminal; otherwise (a log file, CI) one
 * plain line every few seconds, because a redrawn bar turns into megabytes of carriage returns there.
 */
public interface ImportProgress extends AutoCloseable {

    /** Set by ./ocellus when stderr is a terminal ({@code [[ -t 2 ]]}): Java itself cannot tell for stderr. */
    String TERMINAL_PROPERTY = "ocellus.stderr.terminal";

    void advance(long samples);

    @Override
    void close();

    static ImportProgress create(String task, long total, PrintStream stderr) {
        if (Boolean.getBoolean(TERMINAL_PROPERTY)) {
            return new Bar(task, total, stderr);
        }
        return new Lines(task, total, stderr, Duration.ofSeconds(5));
    }

    /** The terminal bar of me.tongfei:progressbar. */
    final class Bar implements ImportProgress {
        private final ProgressBar bar;

        Bar(String task, long total, PrintStream stderr) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" img", 1).showSpeed()
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(stderr)).build();
        }

        @Override
        public void advance(long samples) {
            bar.stepBy(samples);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** A line every {@code every}: done, total, rate, ETA. */
    final class Lines implements ImportProgress {
        private final String task;
        private final long total;
        private final PrintStream out;
        private final long everyNanos;
        private final long start = System.nanoTime();
        private long done;
        private long lastPrinted = start;

        Lines(String task, long total, PrintStream out, Duration every) {
            this.task = task;
            this.total = total;
            this.out = out;
            this.everyNanos = every.toNanos();
        }

        @Override
        public synchronized void advance(long samples) {
            done += samples;
            long now = System.nanoTime();
            if (now - lastPrinted >= everyNanos) {
                lastPrinted = now;
                out.println(line(now));
            }
        }

        @Override
        public synchronized void close() {
            if (done > 0) { // an import that stopped before its first batch has nothing to report here
                out.println(line(System.nanoTime()));
            }
        }

        String line(long now) {
            double seconds = Math.max(1e-9, (now - start) / 1e9);
            double rate = done / seconds;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d", task, done));
            if (total > 0) {
                line.append(String.format(Locale.ROOT, "/%,d (%.0f%%)", total, 100.0 * done / total));
            }
            line.append(String.format(Locale.ROOT, ", %.1f img/s", rate));
            if (total > done && rate > 0) {
                Duration left = Duration.ofSeconds((long) ((total - done) / rate));
                line.append(", ETA ").append(ImportSummary.duration(left));
            }
            return line.toString();
        }
    }
}
