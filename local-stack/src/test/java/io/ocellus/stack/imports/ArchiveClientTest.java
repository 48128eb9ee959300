package io.ocellus.stack.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveClientTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20));
    private static final String NDJSON = String.join("\n",
            "{\"entry\":\"cat/1.png\",\"result\":\"accepted\",\"imageId\":\"a\"}",
            "{\"entry\":\"cat/2.png\",\"result\":\"duplicate\",\"imageId\":\"a\"}",
            "{\"entry\":\"dog/x.png\",\"result\":\"rejected\",\"status\":415,\"code\":\"not-an-image\","
                    + "\"reason\":\"bytes are not an image\"}",
            "{\"entry\":\"README\",\"result\":\"skipped\",\"reason\":\"not an image file\"}",
            "{\"summary\":{\"dataset\":\"pets\",\"entries\":4,\"accepted\":1,\"duplicates\":1,\"rejected\":1,"
                    + "\"skipped\":1,\"rejections\":[{\"entry\":\"dog/x.png\",\"status\":415,\"reason\":\"x\"}]}}",
            "");

    @TempDir
    Path dir;

    private final FakeIngest ingest = new FakeIngest();
    private final AtomicReference<String> query = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger advanced = new AtomicInteger();

    ArchiveClientTest() throws Exception {
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private Path zip() throws Exception {
        Path zip = dir.resolve("pets.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"cat/1.png", "cat/2.png", "dog/x.png", "README"}) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private volatile int[] statuses = {};
    private boolean handlerRegistered;

    /** The first answers' statuses; every later call streams the NDJSON answer. */
    private void answer(int... firstStatuses) {
        calls.set(0);
        statuses = firstStatuses;
        if (handlerRegistered) {
            return;
        }
        handlerRegistered = true;
        ingest.handle("/v1/datasets/pets/archive", exchange -> {
            int call = calls.getAndIncrement();
            query.set(exchange.getRequestURI().getRawQuery());
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            received.set(exchange.getRequestBody().readAllBytes());
            int status = call < statuses.length ? statuses[call] : 200;
            if (status != 200) {
                FakeIngest.respond(exchange, status, "{\"type\":\"https://ocellus.io/problems/p" + status
                        + "\",\"status\":" + status + ",\"detail\":\"nope\"}");
                return;
            }
            stream(exchange);
        });
    }

    private static void stream(HttpExchange exchange) throws java.io.IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(NDJSON.getBytes(StandardCharsets.UTF_8));
        }
    }

    private ArchiveClient.Result upload(ImportTally tally) throws Exception {
        ImportProgress progress = new ImportProgress() {
            @Override
            public void advance(long samples) {
                advanced.addAndGet((int) samples);
            }

            @Override
            public void close() {
            }
        };
        return new ArchiveClient(IngestClient.newHttpClient(), ingest.base(), "tok", FAST)
                .upload(zip(), "pets", "val", "classify", tally, progress);
    }

    @Test
    void streamsTheFileAndTalliesEveryNdjsonLine() throws Exception {
        answer();
        ImportTally tally = new ImportTally();
        ArchiveClient.Result result = upload(tally);

        assertThat(received.get()).isEqualTo(Files.readAllBytes(dir.resolve("pets.zip")));
        assertThat(query.get()).isEqualTo("split=val&tasks=classify");
        assertThat(contentType.get()).isEqualTo("application/zip");
        assertThat(accept.get()).isEqualTo("application/x-ndjson");
        assertThat(advanced.get()).isEqualTo(4);
        assertThat(tally.accepted()).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.rejected()).isEqualTo(1);
        assertThat(tally.skipped()).isEqualTo(1);
        assertThat(tally.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("415 not-an-image"));
        assertThat(result.summary().path("entries").asInt()).isEqualTo(4);
        assertThat(result.error()).isNull();
        assertThat(ArchiveClient.agrees(result.summary(), tally)).isTrue();
        assertThat(ArchiveEntries.countFiles(dir.resolve("pets.zip"))).isEqualTo(4);
    }

    @Test
    void retriesA503AndStopsOnA401() throws Exception {
        answer(503, 503);
        ImportTally tally = new ImportTally();
        upload(tally);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(tally.accepted()).isEqualTo(1);

        answer(401);
        assertThatThrownBy(() -> upload(new ImportTally())).isInstanceOf(ImportAbortedException.class)
                .hasMessageContaining("401 Unauthorized");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aServiceWithoutTheEndpointGetsAHelpfulMessage() {
        assertThatThrownBy(() -> upload(new ImportTally())).isInstanceOf(ImportAbortedException.class)
                .hasMessageContaining("has no archive upload (HTTP 404").hasMessageContaining("import folder");
    }
}
