package io.ocellus.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The children one {@code up} has started, so a failure or a Ctrl-C can stop exactly those, newest first. */
public final class StartedProcesses {

    public record Started(LaunchSpec spec, Process process) {
    }

    private final List<Started> started = new ArrayList<>();
    private final PidFiles pidFiles;
    private final Progress progress;

    public StartedProcesses(PidFiles pidFiles, Progress progress) {
        this.pidFiles = pidFiles;
        this.progress = progress;
    }

    public synchronized void add(LaunchSpec spec, Process process) {
        started.add(new Started(spec, process));
    }

    public synchronized Process process(String name) {
        return started.stream().filter(s -> s.spec().name().equals(name)).map(Started::process).findFirst()
                .orElse(null);
    }

    public synchronized boolean isEmpty() {
        return started.isEmpty();
    }

    /** Stops every started child, newest first, and removes its pid file. */
    public synchronized void stopAll() {
        List<Started> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        ProcessStopper stopper = new ProcessStopper();
        for (Started s : reversed) {
            ProcessHandle handle = s.process().toHandle();
            if (ProcessLiveness.isRunning(handle)) {
                ProcessStopper.Result result = stopper.stop(handle);
                progress.component(s.spec().name(), "stopped (pid " + handle.pid() + ", "
                        + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            pidFiles.delete(s.spec().name());
        }
        started.clear();
    }
}
