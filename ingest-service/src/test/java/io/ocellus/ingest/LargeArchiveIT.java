package io.ocellus.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 images in one tar, streamed into the packaged service started with a 256 MB heap: the archive must flow
 * through entry by entry, never held whole. Runs after package (failsafe), against a Kafka broker and an S3 server
 * this test starts in its own JVM; the service is a child process so that its heap can be limited. A second
 * child, pointed at an object store that is not there, checks the 503 that the shared Quarkus test stack cannot.
 */
class LargeArchiveIT {

    private record Service(Process process, String base) {
    }

    private static final int IMAGES = 10_000;
    private static final Path SERVICE_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalStackResource STACK = new LocalStackResource();
    private static final String BEARER = "Bearer " + TestTokens.uploader();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final List<Service> SERVICES = new ArrayList<>();
    private static Map<String, String> stackConfig;
    private static Path archive;

    @BeforeAll
    static void startStack() {
        assertThat(SERVICE_JAR).as("run after package").exists();
        stackConfig = STACK.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Service service : SERVICES) {
            service.process().destroy();
            if (!service.process().waitFor(30, TimeUnit.SECONDS)) {
                service.process().destroyForcibly();
            }
        }
        STACK.stop();
        if (archive != null) {
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void tenThousandImagesStreamThroughAServiceWithA256MbHeap() throws Exception {
        Service service = startService(stackConfig, "large-archive-it-service.log", "/q/health/ready");
        archive = Files.createTempFile("ocellus-large-", ".tar");
        writeArchive(archive);
        String dataset = "large-" + Long.toHexString(System.nanoTime());

        Instant started = Instant.now();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.base()
                        + "/v1/datasets/" + dataset + "/archive")).header("Authorization", BEARER)
                .header("Content-Type", "application/x-tar")
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofFile(archive)).build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.between(started, Instant.now());
        long maxRssKb = vmHwmKb(service.process().pid());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        assertThat(summary.get("accepted").asInt()).as(response.body()).isEqualTo(IMAGES);
        assertThat(summary.get("rejected").asInt()).isZero();
        JsonNode counts = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(service.base()
                + "/v1/datasets/" + dataset)).header("Authorization", BEARER).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(counts.get("images").asInt()).isEqualTo(IMAGES);
        assertThat(counts.get("splits").get("train").get("labels").size()).isEqualTo(10);

        String report = String.format("LargeArchiveIT: %d images, %d bytes of tar, accepted in %.1f s (%.0f images/s)"
                        + " by a service with -Xmx256m, max RSS (VmHWM) %d MB%n", IMAGES, Files.size(archive),
                took.toMillis() / 1000.0, IMAGES / (took.toMillis() / 1000.0), maxRssKb / 1024);
        System.out.print(report);
        Files.writeString(Path.of("target", "large-archive-it.txt"), report);
    }

    /** With the store gone, the upload ends with 503 (JSON) or a last NDJSON error line: never 200, never 500. */
    @Test
    void unreachableObjectStoreEndsTheUploadWith503() throws Exception {
        Map<String, String> storeDown = new HashMap<>(stackConfig);
        storeDown.put("ocellus.s3.endpoint", "http://127.0.0.1:" + freePort());
        Service service = startService(storeDown, "large-archive-it-store-down.log", "/q/health/live");
        byte[] tar = new TestArchive().file("cat/1.png", TestImages.png(8, 8)).tar();
        URI upload = URI.create(service.base() + "/v1/datasets/store-down/archive");

        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(upload).header("Authorization", BEARER)
                .header("Content-Type",
                "application/x-tar").timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(tar))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(503);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.body()).contains("object-store-unavailable");

        HttpResponse<String> ndjson = HTTP.send(HttpRequest.newBuilder(upload).header("Authorization", BEARER)
                .header("Content-Type",
                        "application/x-tar").header("Accept", "application/x-ndjson").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(tar)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> lines = ndjson.body().lines().toList();
        assertThat(lines).as(ndjson.body()).isNotEmpty();
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(last.path("error").path("status").asInt()).as(ndjson.body()).isEqualTo(503);
        assertThat(last.path("error").path("code").asText()).isEqualTo("object-store-unavailable");
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

    /** The packaged service as a child process with a 256 MB heap on a free port, once {@code health} says UP. */
    private static Service startService(Map<String, String> config, String logName, String health)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-jar", SERVICE_JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", logName).toFile()).start();
        Service service = new Service(process, "http://127.0.0.1:" + port);
        SERVICES.add(service);
        awaitUp(service, health, logName);
        return service;
    }

    private static void awaitUp(Service service, String health, String logName) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(service.process().isAlive()).as("service exited, see target/" + logName).isTrue();
            try {
                HttpResponse<Void> up = HTTP.send(HttpRequest.newBuilder(URI.create(service.base() + health))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (up.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("service not up within 120 s, see target/" + logName);
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
