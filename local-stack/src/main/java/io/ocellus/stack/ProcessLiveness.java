package io.ocellus.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. A child of a CLI that has exited is re-parented to pid 1; where pid 1 reaps late
 * (containers, micro-VMs), a stopped server stays a zombie for a while, which {@link ProcessHandle#isAlive()}
 * still counts as alive. A zombie runs nothing and holds no port, so here it counts as gone.
 */
public final class ProcessLiveness {

    private ProcessLiveness() {
    }

    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessLiveness::isRunning).orElse(false);
    }

    /** Linux: the state field of /proc/PID/stat, after the parenthesised command name. */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux) or already gone: isAlive() decides
        }
    }
}
