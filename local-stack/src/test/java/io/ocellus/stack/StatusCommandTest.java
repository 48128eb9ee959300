package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {

    @TempDir
    Path stateDir;

    private final FakeChildren children = new FakeChildren();

    @AfterEach
    void killLeftovers() {
        children.close();
    }

    @Test
    void jsonHasOneObjectPerComponentWithExactlyTheDocumentedFields() throws Exception {
        String json = StatusCommand.toJson(List.of(
                new ComponentStatus("kafka", "127.0.0.1:9092", 12L, true, true),
                new ComponentStatus("s3", "http://127.0.0.1:9000", 13L, false, false)));

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.fieldNames()).toIterable().containsExactly("components");
        JsonNode kafka = root.get("components").get(0);
        assertThat(kafka.fieldNames()).toIterable().containsExactly("name", "url", "pid", "running", "ready");
        assertThat(kafka.get("pid").isNumber()).isTrue();
        assertThat(kafka.get("running").isBoolean()).isTrue();
        assertThat(root.get("components").get(1).get("running").asBoolean()).isFalse();
    }

    @Test
    void statusJsonPrintsOnlyJsonOnStdoutAndReportsEachComponent() throws Exception {
        StackLayout layout = new StackLayout(Path.of(".."), stateDir);
        layout.createDirectories();
        Process s3 = children.marked("s3", layout);
        waitUntilMatched("s3", layout, s3);
        new PidFiles(layout).write("s3", s3.pid());
        new PidFiles(layout).write("kafka", 999_999_999L); // a dead pid
        int deadPort = new PortAllocator().allocate("x", PortAllocator.Request.any()).port();
        new StackState(List.of(
                StackState.Component.of("kafka", "127.0.0.1:" + deadPort, deadPort, 999_999_999L, layout.logFile("kafka")),
                StackState.Component.of("s3", "http://127.0.0.1:" + deadPort, deadPort, s3.pid(), layout.logFile("s3"))))
                .write(layout);

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            exit = OcellusCli.execute("status", "--json", "--state-dir", stateDir.toString());
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isEqualTo(StatusCommand.NOT_ALL_READY);
        JsonNode root = new ObjectMapper().readTree(stdout.toString(StandardCharsets.UTF_8));
        JsonNode components = root.get("components");
        assertThat(components).hasSize(2);
        assertThat(components.get(0).get("name").asText()).isEqualTo("kafka");
        assertThat(components.get(0).get("running").asBoolean()).isFalse();
        assertThat(components.get(0).get("ready").asBoolean()).isFalse();
        assertThat(components.get(1).get("name").asText()).isEqualTo("s3");
        assertThat(components.get(1).get("pid").asLong()).isEqualTo(s3.pid());
        assertThat(components.get(1).get("running").asBoolean()).isTrue();
        assertThat(components.get(1).get("ready").asBoolean()).isFalse(); // nothing listens on its port
    }

    @Test
    void componentStateNames() {
        assertThat(new ComponentStatus("a", null, null, false, false).state()).isEqualTo("stopped");
        assertThat(new ComponentStatus("a", null, 1L, true, false).state()).isEqualTo("not ready");
        assertThat(new ComponentStatus("a", null, 1L, true, true).state()).isEqualTo("running");
    }

    private static void waitUntilMatched(String component, StackLayout layout, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessSignature.forComponent(component, layout).find(process.pid()).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
