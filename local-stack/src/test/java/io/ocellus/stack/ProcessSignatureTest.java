package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pid-reuse guard: only a process that carries this stack's markers is ever signalled. */
class ProcessSignatureTest {

    @TempDir
    Path stateDir;

    private final FakeChildren children = new FakeChildren();

    @AfterEach
    void killLeftovers() {
        children.close();
    }

    private StackLayout layout() {
        return new StackLayout(Path.of(".."), stateDir);
    }

    private static void awaitArguments(Process process) throws InterruptedException {
        // /proc/<pid>/cmdline is the JVM's only once exec has happened; poll briefly.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && process.info().arguments().map(a -> a.length < 3).orElse(true)) {
            Thread.sleep(20);
        }
    }

    @Test
    void matchesOnlyTheProcessStartedForThatComponentAndStack() throws Exception {
        Process kafka = children.marked("kafka", layout());
        awaitArguments(kafka);

        assertThat(ProcessSignature.forComponent("kafka", layout()).find(kafka.pid())).isPresent();
        assertThat(ProcessSignature.forComponent("s3", layout()).find(kafka.pid())).isEmpty();
        StackLayout otherStack = new StackLayout(Path.of(".."), stateDir.resolve("other"));
        assertThat(ProcessSignature.forComponent("kafka", otherStack).find(kafka.pid())).isEmpty();
    }

    @Test
    void aReusedPidIsNotOurs() throws Exception {
        Process stranger = children.foreign();

        assertThat(ProcessSignature.forComponent("kafka", layout()).find(stranger.pid())).isEmpty();
        assertThat(ProcessSignature.forComponent("prometheus", layout()).find(stranger.pid())).isEmpty();
    }

    @Test
    void aDeadPidIsNotOurs() throws Exception {
        Process kafka = children.marked("kafka", layout());
        kafka.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(ProcessSignature.forComponent("kafka", layout()).find(kafka.pid())).isEmpty();
    }

    @Test
    void downStopsItsOwnProcessesAndLeavesAReusedPidAlone() throws Exception {
        StackLayout layout = layout();
        PidFiles pidFiles = new PidFiles(layout);
        Process ingest = children.marked("ingest-service", layout);
        Process kafka = children.marked("kafka", layout);
        Process stranger = children.foreign();
        awaitArguments(ingest);
        awaitArguments(kafka);
        pidFiles.write("ingest-service", ingest.pid());
        pidFiles.write("kafka", kafka.pid());
        pidFiles.write("s3", stranger.pid()); // s3's pid was reused by another program
        Files.writeString(layout.stackFile(), "{\"components\":[]}");

        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = OcellusCli.execute("down", "--state-dir", stateDir.toString());
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        assertThat(stdout.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("ingest-service", "stopped pid " + ingest.pid())
                .contains("pid " + stranger.pid() + " now belongs to another program; left alone")
                .contains("Stopped 2 component(s)");
        assertThat(ingest.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(kafka.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(pidFiles.components()).isEmpty();
        assertThat(layout.stackFile()).doesNotExist();
    }

    @Test
    void stopperEscalatesToSigkillAfterTheGracePeriod() throws Exception {
        // `sh -c 'trap "" TERM; …'` ignores SIGTERM, like a hung server.
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 1; done").start();
        try {
            Thread.sleep(300); // let the trap be installed
            ProcessStopper.Result result = new ProcessStopper(Duration.ofMillis(500)).stop(stubborn.toHandle());

            assertThat(result.outcome()).isEqualTo(ProcessStopper.Outcome.KILLED);
            assertThat(stubborn.isAlive()).isFalse();
        } finally {
            stubborn.destroyForcibly();
        }
    }
}
