package io.ocellus.stack;

import java.time.Duration;

/** SIGTERM, wait for the grace period, then SIGKILL; reports how the process ended. */
public final class ProcessStopper {

    public enum Outcome {
        TERMINATED, KILLED, STILL_ALIVE
    }

    public record Result(Outcome outcome, Duration took) {
    }

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Duration grace;

    public ProcessStopper() {
        this(DEFAULT_GRACE);
    }

    public ProcessStopper(Duration grace) {
        this.grace = grace;
    }

    public Result stop(ProcessHandle process) {
        long start = System.nanoTime();
        process.destroy();
        if (awaitExit(process, grace)) {
            return new Result(Outcome.TERMINATED, since(start));
        }
        process.destroyForcibly();
        Outcome outcome = awaitExit(process, KILL_WAIT) ? Outcome.KILLED : Outcome.STILL_ALIVE;
        return new Result(outcome, since(start));
    }

    /** Polls every 50 ms: onExit() of a process that is not our child polls too, but only every 300+ ms. */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessLiveness.isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !ProcessLiveness.isRunning(process);
            }
        }
        return true;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
