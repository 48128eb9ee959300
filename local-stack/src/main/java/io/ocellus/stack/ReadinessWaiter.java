package io.ocellus.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Polls a group of components until each is ready, each against its own deadline. A child that exits, or a
 * deadline that passes, fails the whole group with the component's name, the reason and its log.
 */
public final class ReadinessWaiter {

    /** A component being waited for; {@code process} is null for one started by an earlier {@code up}. */
    public record Pending(LaunchSpec spec, Process process, Path log, long startNanos) {

        public Pending(LaunchSpec spec, Process process, Path log) {
            this(spec, process, log, System.nanoTime());
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

    private final Progress progress;

    public ReadinessWaiter(Progress progress) {
        this.progress = progress;
    }

    public void awaitAll(List<Pending> pending) {
        List<Pending> waiting = new ArrayList<>(pending);
        Map<String, String> lastDetail = new HashMap<>();
        long nextReport = System.nanoTime() + REPORT_INTERVAL.toNanos();
        try {
            while (!waiting.isEmpty()) {
                for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
                    Pending next = it.next();
                    if (checkOnce(next, lastDetail)) {
                        it.remove();
                        next.spec().probe().close();
                    }
                }
                if (waiting.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > nextReport) {
                    nextReport = System.nanoTime() + REPORT_INTERVAL.toNanos();
                    for (Pending still : waiting) {
                        progress.component(still.spec().name(), "still waiting (" + Progress.seconds(still.elapsed())
                                + "): " + lastDetail.getOrDefault(still.spec().name(), "starting"));
                    }
                }
                sleep();
            }
        } finally {
            waiting.forEach(p -> p.spec().probe().close());
        }
    }

    private boolean checkOnce(Pending pending, Map<String, String> lastDetail) {
        String name = pending.spec().name();
        Process process = pending.process();
        if (process != null && !process.isAlive()) {
            throw new StackException(name, "exited with code " + process.exitValue() + " before it was ready",
                    pending.log());
        }
        ReadinessProbe.Result result = pending.spec().probe().check();
        if (result.ready()) {
            progress.component(name, "ready in " + Progress.seconds(pending.elapsed()));
            return true;
        }
        lastDetail.put(name, result.detail());
        if (pending.elapsed().compareTo(pending.spec().readyTimeout()) > 0) {
            throw new StackException(name, "not ready after " + pending.spec().readyTimeout().toSeconds()
                    + " s (last check: " + result.detail() + ")", pending.log());
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("up", "interrupted");
        }
    }
}
