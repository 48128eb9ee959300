package io.ocellus.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {
            "Stops every component from the pid files in reverse start order (the five services together, then "
                    + "Prometheus, S3, Kafka): SIGTERM, up to 15 s to exit, then SIGKILL. A pid whose process no longer carries this stack's markers on its command "
                    + "line (the pid was reused) is left alone.",
            "Removes the pid files and stack.json and keeps the data (Kafka log, S3 objects, Prometheus TSDB) "
                    + "unless --purge. Exits 0 when nothing runs, 1 when a process could not be stopped."})
public final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--purge", description = "Also delete the data directory (Kafka topics, S3 objects, metrics).")
    boolean purge;

    /** How stopping one component went. */
    private enum Stopped { STOPPED, NOT_RUNNING, SURVIVED }

    @Override
    public Integer call() {
        StackLayout layout = stackOptions.layout();
        Progress progress = new Progress(System.out); // what was stopped is this command's result
        PidFiles pidFiles = new PidFiles(layout);
        long start = System.nanoTime();

        List<String> order = new ArrayList<>(pidFiles.components());
        order.sort(Comparator.comparingInt(StackComponents::startIndex).reversed());
        // The services were started together after the rest, so they are stopped first, together.
        List<String> services = order.stream().filter(StackComponents::isService).toList();
        List<String> rest = order.stream().filter(name -> !StackComponents.isService(name)).toList();

        Map<String, Stopped> outcomes = new LinkedHashMap<>();
        List<CompletableFuture<Void>> parallel = new ArrayList<>();
        for (String service : services) {
            parallel.add(CompletableFuture.runAsync(() -> {
                Stopped outcome = stop(service, pidFiles, progress);
                synchronized (outcomes) {
                    outcomes.put(service, outcome);
                }
            }, runnable -> new Thread(runnable, "stop-" + service).start()));
        }
        CompletableFuture.allOf(parallel.toArray(CompletableFuture[]::new)).join();
        rest.forEach(name -> outcomes.put(name, stop(name, pidFiles, progress)));

        List<String> survivors = outcomes.entrySet().stream().filter(e -> e.getValue() == Stopped.SURVIVED)
                .map(Map.Entry::getKey).toList();
        if (!survivors.isEmpty()) {
            progress.line("Could not stop: " + String.join(", ", survivors) + "; stack.json and their pid files kept.");
            return 1;
        }
        StackState.delete(layout);
        if (purge) {
            deleteRecursively(layout.dataDir());
            progress.line("Deleted " + layout.display(layout.dataDir()) + ".");
        }
        long stopped = outcomes.values().stream().filter(o -> o == Stopped.STOPPED).count();
        progress.line(stopped == 0 ? "Nothing was running."
                : String.format(Locale.ROOT, "Stopped %d component(s) in %s.", stopped,
                        Progress.seconds(Duration.ofNanos(System.nanoTime() - start))));
        return 0;
    }

    /** Stops one component if its pid is still the process this stack started; removes its pid file unless it survived. */
    private static Stopped stop(String name, PidFiles pidFiles, Progress progress) {
        OptionalLong pid = pidFiles.read(name);
        Optional<ProcessHandle> process = pidFiles.runningProcess(name);
        if (process.isPresent()) {
            ProcessStopper.Result result = new ProcessStopper().stop(process.get());
            if (result.outcome() == ProcessStopper.Outcome.STILL_ALIVE || ProcessLiveness.isRunning(process.get())) {
                progress.component(name, "pid " + pid.getAsLong() + " is still alive after SIGKILL");
                return Stopped.SURVIVED;
            }
            progress.component(name, "stopped pid " + pid.getAsLong() + " ("
                    + (result.outcome() == ProcessStopper.Outcome.KILLED ? "SIGKILL" : "SIGTERM") + ", "
                    + Progress.seconds(result.took()) + ")");
            pidFiles.delete(name);
            return Stopped.STOPPED;
        }
        if (pid.isPresent() && ProcessLiveness.isRunning(pid.getAsLong())) {
            progress.component(name, "pid " + pid.getAsLong() + " now belongs to another program; left alone");
        } else {
            progress.component(name, "was not running (stale pid file)");
        }
        pidFiles.delete(name);
        return Stopped.NOT_RUNNING;
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
