package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {

    @TempDir
    Path dir;

    @Test
    void logTailReturnsTheLastLines() throws Exception {
        Path log = dir.resolve("x.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(LogTail.lastLines(log, 20)).hasSize(20).startsWith("line 81").endsWith("line 100");
        assertThat(LogTail.lastLines(dir.resolve("missing.log"), 20)).isEmpty();
    }

    @Test
    void eventValuesAreAlwaysOneJsonLine() {
        assertThat(EventsCommand.valueAsJson("{\n  \"imageId\" : \"ab\"\n}".getBytes(StandardCharsets.UTF_8))
                .toString()).isEqualTo("{\"imageId\":\"ab\"}");
        assertThat(EventsCommand.valueAsJson("not json\nat all".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("\"not json\\nat all\"");
        assertThat(EventsCommand.valueAsJson(null).toString()).isEqualTo("null");
    }

    @Test
    void pidFilesHoldOnePidAndListInStartOrder() {
        StackLayout layout = new StackLayout(Path.of(".."), dir);
        PidFiles pids = new PidFiles(layout);
        pids.write("monitor-service", 5);
        pids.write("kafka", 3);
        pids.write("s3", 4);

        assertThat(pids.components()).containsExactly("kafka", "s3", "monitor-service");
        assertThat(pids.read("kafka")).hasValue(3);
        assertThat(layout.pidFile("kafka")).hasContent("3");
        pids.delete("kafka");
        assertThat(pids.read("kafka")).isEmpty();
        assertThat(StackComponents.stopOrder()).startsWith("monitor-service").endsWith("kafka");
    }

    @Test
    void stackStateRoundTripsWithoutTheSecret() throws Exception {
        StackLayout layout = new StackLayout(Path.of(".."), dir);
        StackState state = new StackState(java.util.List.of(
                StackState.Component.of("s3", "http://127.0.0.1:9000", 9000, 42, layout.logFile("s3"))
                        .withAccessKey("ocellus"),
                StackState.Component.of("ingest-service", "http://127.0.0.1:8081", 8081, 43,
                        layout.logFile("ingest-service")).withServiceUrls()));
        state.write(layout);

        assertThat(StackState.read(layout)).contains(state);
        String json = Files.readString(layout.stackFile());
        assertThat(json).contains("\"accessKey\" : \"ocellus\"", "http://127.0.0.1:8081/q/health/ready")
                .doesNotContainIgnoringCase("secret");
    }

    @Test
    void aZombieIsNotRunning() throws Exception {
        // `sleep 0` becomes a child of the exec'd `sleep 30`, which never reaps it: a zombie for 30 s.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 30").start();
        try {
            ProcessHandle zombie = null;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (zombie == null && System.nanoTime() < deadline) {
                zombie = parent.children().filter(child -> ProcessLiveness.isZombie(child.pid())).findFirst()
                        .orElse(null);
                Thread.sleep(20);
            }

            assertThat(zombie).as("zombie child").isNotNull();
            assertThat(zombie.isAlive()).as("ProcessHandle's view").isTrue();
            assertThat(ProcessLiveness.isRunning(zombie)).isFalse();
            assertThat(ProcessLiveness.isRunning(parent.toHandle())).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }
}
