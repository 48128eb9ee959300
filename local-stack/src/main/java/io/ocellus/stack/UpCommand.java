package io.ocellus.stack;

import io.ocellus.stack.token.JwtKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
            "Starts Kafka (KRaft), S3 (S3Proxy), Prometheus (when on PATH) and the five services as background "
                    + "processes bound to 127.0.0.1, waits until each is ready and prints their URLs.",
            "Default ports: Kafka 9092, S3 9000, Prometheus 9090, services 8081-8085 (ingest, trainer, inference, "
                    + "detector, monitor); a default port that is taken falls back to a free port, a port given "
                    + "explicitly must be free, 0 means any free port.",
            "Idempotent: when the stack is already running, says so and exits 0; when only part of it is running, "
                    + "starts the missing pieces on their previous ports and keeps the running ones.",
            "On a failure, prints the component, the reason and the end of its log, stops what this call started "
                    + "and exits 1."})
public final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--kafka-port", paramLabel = "N", description = "Kafka bootstrap port (default 9092).")
    Integer kafkaPort;

    @Option(names = "--s3-port", paramLabel = "N", description = "S3 port (default 9000).")
    Integer s3Port;

    @Option(names = "--prometheus-port", paramLabel = "N", description = "Prometheus port (default 9090).")
    Integer prometheusPort;

    @Option(names = "--base-port", paramLabel = "N",
            description = "Port of the first service; the others follow: ingest N, trainer N+1, inference N+2, "
                    + "detector N+3, monitor N+4 (default 8081; 0: any free ports).")
    Integer basePort;

    @Option(names = "--no-prometheus", description = "Do not start Prometheus even when it is on PATH.")
    boolean noPrometheus;

    @Option(names = "--only", split = ",", hidden = true, paramLabel = "COMPONENT",
            description = "Start only these components (for development), e.g. --only kafka,s3.")
    List<String> only;

    @Override
    public Integer call() {
        StackLayout layout = stackOptions.layout();
        Progress progress = Progress.stderr();
        PidFiles pidFiles = new PidFiles(layout);
        layout.createDirectories();

        Optional<Path> prometheus = noPrometheus ? Optional.empty() : PrometheusServer.findExecutable();
        if (!noPrometheus && prometheus.isEmpty()) {
            progress.line("Prometheus is not on PATH: the stack starts without it (Debian: apt-get install -y "
                    + "--no-install-recommends prometheus).");
        }
        List<String> components = components(prometheus.isPresent());
        Optional<StackState> previous = StackState.read(layout);
        Map<String, StackState.Component> running = running(layout, pidFiles, previous);

        if (running.keySet().containsAll(components)) {
            progress.line("The Ocellus stack is already running (" + layout.display(layout.stateDir()) + ").");
            StackTable.print(System.out, new StackState(components.stream().map(running::get).toList()), layout);
            return 0;
        }
        if (!running.isEmpty()) {
            progress.line("Part of the stack is running (" + String.join(", ", running.keySet())
                    + "); starting the missing components on their previous ports.");
        } else {
            previous = Optional.empty();
        }
        pidFiles.components().stream().filter(c -> !running.containsKey(c)).forEach(pidFiles::delete);
        checkPrerequisites(layout, components, running);

        long start = System.nanoTime();
        StartedProcesses started = new StartedProcesses(pidFiles, progress);
        AtomicBoolean finished = new AtomicBoolean();
        Thread cleanup = new Thread(() -> {
            if (!finished.get()) {
                progress.line("Interrupted: stopping what was started.");
                started.stopAll();
            }
        }, "ocellus-up-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            StackPlan plan = StackPlan.plan(components, running, previous,
                    new StackPlan.PortOptions(kafkaPort, s3Port, prometheusPort, basePort), new PortAllocator(),
                    progress);
            S3Credentials credentials = S3Credentials.loadOrCreate(layout);
            JwtKeys jwtKeys = JwtKeys.of(layout);
            if (jwtKeys.ensure()) {
                progress.line("Generated the stack's JWT key pair in " + layout.display(jwtKeys.verifyKey().getParent())
                        + " (mint tokens with ./ocellus token --role ROLE).");
            }
            progress.line("Starting the Ocellus stack in " + layout.display(layout.stateDir()) + " ...");
            StackState state = new StackStarter(layout, progress, started)
                    .start(plan, running, prometheus.orElse(null), credentials, jwtKeys);
            state.write(layout);
            finished.set(true);
            progress.line("Stack ready in " + Progress.seconds(java.time.Duration.ofNanos(System.nanoTime() - start))
                    + ".");
            StackTable.print(System.out, state, layout);
            return 0;
        } catch (StackException e) {
            finished.set(true);
            reportFailure(progress, layout, e);
            if (!started.isEmpty()) {
                progress.line("Stopping what this call started:");
                started.stopAll();
            }
            return 1;
        } catch (RuntimeException e) {
            finished.set(true);
            started.stopAll();
            throw e;
        } finally {
            removeHook(cleanup);
        }
    }

    /** The components of this stack, in start order; services need Kafka and S3, so --only adds them. */
    private List<String> components(boolean withPrometheus) {
        List<String> all = new ArrayList<>();
        for (String name : StackComponents.START_ORDER) {
            boolean selected = only == null || only.contains(name)
                    || (!StackComponents.isService(name) && !StackComponents.PROMETHEUS.equals(name)
                            && only.stream().anyMatch(StackComponents::isService));
            if (selected && (withPrometheus || !StackComponents.PROMETHEUS.equals(name))) {
                all.add(name);
            }
        }
        if (only != null) {
            List<String> unknown = only.stream().filter(n -> !StackComponents.START_ORDER.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new StackException("up", "unknown component(s) " + unknown + "; known: "
                        + StackComponents.START_ORDER);
            }
        }
        return all;
    }

    /** Running components with their stack.json entries; a running one without an entry cannot be reused. */
    private static Map<String, StackState.Component> running(StackLayout layout, PidFiles pidFiles,
            Optional<StackState> previous) {
        Map<String, StackState.Component> running = new LinkedHashMap<>();
        for (String name : pidFiles.components()) {
            Optional<ProcessHandle> process = pidFiles.runningProcess(name);
            if (process.isEmpty()) {
                continue;
            }
            StackState.Component entry = previous.flatMap(s -> s.component(name))
                    .filter(c -> c.pid() != null && c.pid() == process.get().pid() && c.port() != null)
                    .orElseThrow(() -> new StackException(name, "is running (pid " + process.get().pid()
                            + ") but " + layout.display(layout.stackFile()) + " does not describe it; "
                            + "run ./ocellus down first"));
            running.put(name, entry);
        }
        return running;
    }

    /** Fails before starting anything when a jar is missing, naming every missing one. */
    private static void checkPrerequisites(StackLayout layout, List<String> components,
            Map<String, StackState.Component> running) {
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(layout.libDir())) {
            missing.add("local-stack runtime classpath: " + layout.display(layout.libDir()));
        }
        if (components.contains(StackComponents.S3) && !Files.isRegularFile(layout.s3ProxyJar())) {
            missing.add("S3Proxy: " + layout.display(layout.s3ProxyJar()));
        }
        for (String name : components) {
            if (StackComponents.isService(name) && !running.containsKey(name)
                    && !Files.isRegularFile(layout.serviceJar(name))) {
                missing.add(name + ": " + layout.display(layout.serviceJar(name)));
            }
        }
        if (!missing.isEmpty()) {
            throw new StackException("up", "missing jar(s), build them first with "
                    + "`./mvnw -B -DskipTests install` at the repository root:\n  " + String.join("\n  ", missing));
        }
    }

    private static void reportFailure(Progress progress, StackLayout layout, StackException e) {
        progress.line("");
        progress.line("FAILED: " + e.component() + ": " + e.getMessage());
        if (e.log() != null) {
            progress.line("--- last 20 lines of " + layout.display(e.log()) + " ---");
            LogTail.lastLines(e.log(), 20).forEach(progress::line);
            progress.line("---");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs and sees finished=true
        }
    }
}
