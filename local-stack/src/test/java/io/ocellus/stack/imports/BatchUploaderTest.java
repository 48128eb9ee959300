package io.ocellus.stack.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchUploaderTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40));

    private final FakeIngest ingest = new FakeIngest();
    private final ImportTally tally = new ImportTally();
    private final List<Long> progress = new ArrayList<>();

    BatchUploaderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private IngestClient client(String token, RetryPolicy retry) {
        return new IngestClient(IngestClient.newHttpClient(), ingest.base(), token, "shapes", "classify,detect",
                retry, Duration.ofSeconds(30));
    }

    private BatchUploader uploader(IngestClient client, int batch, int concurrency) {
        ImportProgress counting = new ImportProgress() {
            @Override
            public synchronized void advance(long samples) {
                progress.add(samples);
            }

            @Override
            public void close() {
            }
        };
        return new BatchUploader(client::upload, batch, concurrency, tally, counting);
    }

    private static Sample sample(String split, String label, int i) {
        return Sample.ofBytes(split, label, label + "-" + i + ".png", "image/png",
                (label + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void groupsSamplesPerLabelAndSplitIntoBatchesWithTheFormFields() throws Exception {
        BatchUploader uploader = uploader(client("tok", FAST), 4, 2);
        for (int i = 0; i < 10; i++) {
            // interleaved, as IDX files are
            assertThat(uploader.add(sample("train", "cat", i))).isTrue();
            assertThat(uploader.add(sample("train", "dog", i))).isTrue();
            assertThat(uploader.add(sample("test", "cat", i))).isTrue();
        }
        uploader.finish();

        assertThat(ingest.uploads).hasSize(9); // 3 groups x (4 + 4 + 2)
        Map<String, List<Integer>> sizes = ingest.uploads.stream().collect(Collectors.groupingBy(
                u -> u.fields().get("split") + "/" + u.fields().get("label"),
                Collectors.mapping(u -> u.files().size(), Collectors.toList())));
        assertThat(sizes).containsOnlyKeys("train/cat", "train/dog", "test/cat");
        sizes.values().forEach(s -> assertThat(s).containsExactlyInAnyOrder(4, 4, 2));
        for (FakeIngest.Upload upload : ingest.uploads) {
            assertThat(upload.fields()).containsEntry("dataset", "shapes").containsEntry("tasks", "classify,detect");
            assertThat(upload.authorization()).isEqualTo("Bearer tok");
            for (FakeIngest.Part file : upload.files()) {
                assertThat(file.name()).isEqualTo("file");
                assertThat(file.contentType()).isEqualTo("image/png");
                assertThat(file.filename()).startsWith(upload.fields().get("label") + "-");
                String index = file.filename().replaceAll("\\D", "");
                assertThat(new String(file.content(), StandardCharsets.UTF_8))
                        .isEqualTo(upload.fields().get("label") + index);
            }
        }
        assertThat(tally.accepted()).isEqualTo(30);
        assertThat(progress.stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
    }

    @Test
    void keepsAtMostConcurrencyRequestsInFlight() throws Exception {
        ingest.delayMillis = 60;
        BatchUploader uploader = uploader(client(null, FAST), 2, 3);
        for (int i = 0; i < 40; i++) {
            uploader.add(sample("train", "cat", i));
        }
        uploader.finish();

        assertThat(ingest.requests.get()).isEqualTo(20);
        assertThat(ingest.maxInFlight.get()).isEqualTo(3);
        assertThat(tally.accepted()).isEqualTo(40);
        assertThat(ingest.uploads).allMatch(u -> u.authorization() == null);
    }

    @Test
    void retriesABatchAfter503() throws Exception {
        ingest.failFirst.add(503);
        ingest.failFirst.add(503);
        BatchUploader uploader = uploader(client(null, FAST), 5, 1);
        for (int i = 0; i < 5; i++) {
            uploader.add(sample("train", "cat", i));
        }
        uploader.finish();

        assertThat(ingest.requests.get()).isEqualTo(3);
        assertThat(tally.accepted()).isEqualTo(5);
        assertThat(tally.clean()).isTrue();
    }

    @Test
    void retriesConnectionErrorsAndThenReportsTheBatchAsFailed() throws Exception {
        java.net.ServerSocket closed = new java.net.ServerSocket(0);
        int port = closed.getLocalPort();
        closed.close();
        IngestClient client = new IngestClient(IngestClient.newHttpClient(),
                java.net.URI.create("http://127.0.0.1:" + port), null, "shapes", "", FAST, Duration.ofSeconds(5));

        List<FileOutcome> outcomes = client.upload(new Sample.Group("train", "cat"),
                List.of(sample("train", "cat", 0), sample("train", "cat", 1)));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.kind()).isEqualTo(FileOutcome.Kind.FAILED);
            assertThat(outcome.reason()).contains("connection failed", "gave up after 4 attempts");
        });
    }

    @Test
    void givesUpAfterTheLastAttemptAndCountsTheBatchAsFailed() throws Exception {
        ingest.alwaysStatus = 503;
        BatchUploader uploader = uploader(client(null, FAST), 3, 1);
        for (int i = 0; i < 3; i++) {
            uploader.add(sample("train", "cat", i));
        }
        uploader.finish();

        assertThat(ingest.requests.get()).isEqualTo(4);
        assertThat(tally.failed()).isEqualTo(3);
        assertThat(tally.failures()).singleElement().satisfies(reason -> {
            assertThat(reason.reason()).contains("HTTP 503 test-503", "gave up after 4 attempts");
            assertThat(reason.count()).isEqualTo(3);
        });
    }

    @Test
    void a401StopsTheImportAtOnceWithAClearMessage() throws Exception {
        ingest.alwaysStatus = 401;
        ingest.delayMillis = 20;
        BatchUploader uploader = uploader(client("expired", FAST), 2, 2);
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            if (!uploader.add(sample("train", "cat", i))) {
                break;
            }
            accepted++;
        }
        assertThat(accepted).as("the source is told to stop").isLessThan(200);
        assertThatThrownBy(uploader::finish).isInstanceOf(ImportAbortedException.class)
                .hasMessageContaining("401 Unauthorized").hasMessageContaining("./ocellus token --role uploader");
        assertThat(ingest.requests.get()).as("no retries of a refused token").isLessThanOrEqualTo(4);
    }

    @Test
    void a403NamesTheMissingRole() throws Exception {
        ingest.alwaysStatus = 403;
        BatchUploader uploader = uploader(client("viewer-token", FAST), 2, 1);
        uploader.add(sample("train", "cat", 0));
        uploader.add(sample("train", "cat", 1));
        assertThatThrownBy(uploader::finish).isInstanceOf(ImportAbortedException.class)
                .hasMessageContaining("403 Forbidden").hasMessageContaining("uploader");
    }

    @Test
    void rejectedFilesAreCountedByReasonAndTheOthersStillStored() throws Exception {
        ingest.fileStatus = part -> part.filename().endsWith("-3.png") ? 415
                : part.filename().endsWith("-4.png") ? 200 : 201;
        BatchUploader uploader = uploader(client(null, FAST), 8, 1);
        for (int i = 0; i < 8; i++) {
            uploader.add(sample("train", "cat", i));
        }
        uploader.finish();

        assertThat(tally.accepted()).isEqualTo(6);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.rejected()).isEqualTo(1);
        assertThat(tally.rejections()).singleElement().satisfies(reason -> {
            assertThat(reason.reason()).isEqualTo("415 not-an-image");
            assertThat(reason.exampleFile()).isEqualTo("cat-3.png");
            assertThat(reason.exampleDetail()).isEqualTo("bytes are not an image");
        });
    }
}
