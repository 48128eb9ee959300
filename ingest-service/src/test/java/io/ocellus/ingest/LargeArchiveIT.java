package io.ocellus.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.teststack.LocalStackResource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 images in one tar, streamed into the packaged service started with a 256 MB heap: the archive must flow
 * through entry by entry, never held whole. Runs after package (failsafe), against a Kafka broker and an S3 server
 * this test starts in its own JVM; the service is a child process so that its heap can be limited.
 */
class LargeArchiveIT {

    private static final int IMAGES = 10_000;
    private static final Path SERVICE_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStackResource stack = new LocalStackResource();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process service;
    private String base;
    private Path archive;

    @BeforeEach
    void startStackAndService() throws Exception {
        assertThat(SERVICE_JAR).as("run after package").exists();
        Map<String, String> config = stack.start();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-jar", SERVICE_JAR.toString()));
        service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "large-archive-it-service.log").toFile()).start();
        awaitReady(port);
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        stack.stop();
        if (archive != null) {
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void tenThousandImagesStreamThroughAServiceWithA256MbHeap() throws Exception {
        archive = Files.createTempFile("ocellus-large-", ".tar");
        writeArchive(archive);
        String dataset = "large-" + Long.toHexString(System.nanoTime());

        Instant started = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/datasets/"
                        + dataset + "/archive")).header("Content-Type", "application/x-tar")
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofFile(archive)).build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.between(started, Instant.now());
        long maxRssKb = vmHwmKb(service.pid());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        assertThat(summary.get("accepted").asInt()).as(response.body()).isEqualTo(IMAGES);
        assertThat(summary.get("rejected").asInt()).isZero();
        JsonNode counts = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/datasets/"
                + dataset)).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(counts.get("images").asInt()).isEqualTo(IMAGES);
        assertThat(counts.get("splits").get("train").get("labels").size()).isEqualTo(10);

        String report = String.format("LargeArchiveIT: %d images, %d bytes of tar, accepted in %.1f s (%.0f images/s)"
                        + " by a service with -Xmx256m, max RSS (VmHWM) %d MB%n", IMAGES, Files.size(archive),
                took.toMillis() / 1000.0, IMAGES / (took.toMillis() / 1000.0), maxRssKb / 1024);
        System.out.print(report);
        Files.writeString(Path.of("target", "large-archive-it.txt"), report);
    }

    /** The tar is written entry by entry to a file as the images are made: no array of 10,000 images anywhere. */
    private static void writeArchive(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < IMAGES; i++) {
                byte[] png = TestImages.png(8, 8);
                TarArchiveEntry entry = new TarArchiveEntry("train/class" + (i % 10) + "/" + i + ".png");
                entry.setSize(png.length);
                tar.putArchiveEntry(entry);
                tar.write(png);
                tar.closeArchiveEntry();
            }
        }
    }

    private void awaitReady(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(service.isAlive()).as("service exited, see target/large-archive-it-service.log").isTrue();
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("service not ready within 120 s, see target/large-archive-it-service.log");
    }

    /** Peak resident memory of a process, from Linux /proc; 0 where there is none. */
    private static long vmHwmKb(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
