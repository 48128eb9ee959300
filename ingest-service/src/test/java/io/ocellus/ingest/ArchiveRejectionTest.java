package io.ocellus.ingest;

import io.ocellus.schema.events.ImageIngested;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ocellus.ingest.ArchiveUploadTest.dataset;
import static io.ocellus.ingest.ArchiveUploadTest.eventsOf;
import static io.ocellus.ingest.ArchiveUploadTest.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad entries are refused one by one with their reason while the good ones go in; bad archives are refused whole. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ArchiveRejectionTest {

    private static final int MAX_IMAGE_BYTES = 33_554_432;

    @Test
    void everyKindOfBadEntryIsRejectedWithItsReasonAndTheGoodOnesStillGoIn() {
        String dataset = dataset();
        byte[] good1 = TestImages.png(10, 10);
        byte[] good2 = TestImages.random("jpeg", 10, 10);
        byte[] badLabel = TestImages.png(10, 10);
        byte[] tooDeep = TestImages.png(10, 10);
        Map<String, String> expected = new LinkedHashMap<>();
        TestArchive archive = new TestArchive().dir("train/").dir("train/cat/")
                .file("train/cat/good1.png", good1)
                .file(bad(expected, "/abs/cat/x.png", "absolute-path"), TestImages.png(4, 4))
                .file(bad(expected, "train/../../etc/x.png", "path-traversal"), TestImages.png(4, 4))
                .symlink(bad(expected, "train/cat/link.png", "symlink"), "/etc/passwd")
                .hardlink(bad(expected, "train/cat/hard.png", "hardlink"), "train/cat/good1.png")
                .device(bad(expected, "train/cat/dev.png", "device"))
                .file(bad(expected, "train/cat/inner.zip", "nested-archive"), new TestArchive()
                        .file("cat/1.png", TestImages.png(4, 4)).zip())
                .file(bad(expected, "train/cat/sneaky.png", "nested-archive"), new TestArchive()
                        .file("cat/1.png", TestImages.png(4, 4)).tarGz())
                .file(bad(expected, "train/cat/empty.png", "empty-file"), new byte[0])
                .file(bad(expected, "training/cat/x.png", "unknown-split"), TestImages.png(4, 4))
                .file(bad(expected, "train/c@t/x.png", "unsafe-label"), badLabel)
                .file(bad(expected, "train/cat/deeper/x.png", "wrong-depth"), tooDeep)
                .file(bad(expected, "loose.png", "wrong-depth"), TestImages.png(4, 4))
                .file(bad(expected, "train/cat/readme.txt", "unsupported-extension"), "hello".getBytes())
                .file(bad(expected, "train/cat/notes.png", "not-an-image"),
                        "not an image at all".getBytes(StandardCharsets.UTF_8))
                .file(bad(expected, "train/cat/broken.jpg", "corrupt-image"), TestImages.truncatedJpeg())
                .file(bad(expected, "train/cat/huge.png", "image-too-large"), new byte[MAX_IMAGE_BYTES + 1])
                .file(bad(expected, "train/cat/bomb.png", "too-many-pixels"), TestImages.pngHeaderOnly(20000, 20000))
                .file(bad(expected, "train/cat/mislabelled.jpg", "type-mismatch"), TestImages.png(4, 4))
                .file(".DS_Store", new byte[]{0, 0, 0, 1})
                .file("__MACOSX/train/cat/._good1.png", new byte[]{0, 5, 22, 7})
                .file("train/dog/good2.jpg", good2)
                .file("train/cat/again.png", good1);

        // gzip keeps the 32 MiB of zeros small on the wire
        JsonPath summary = upload(dataset, "application/x-compressed-tar", archive.tarGz(), "")
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("images", equalTo(3))
                .body("skipped", equalTo(2)).body("rejected", equalTo(expected.size()))
                .body("rejectionsTruncated", equalTo(false))
                .extract().jsonPath();

        List<Map<String, Object>> rejections = summary.getList("rejections");
        Map<String, String> codes = rejections.stream().collect(Collectors.toMap(r -> (String) r.get("entry"),
                r -> (String) r.get("code"), (a, b) -> a, LinkedHashMap::new));
        assertThat(codes).containsExactlyEntriesOf(expected);
        assertThat(codes.values()).as("distinct kinds").hasSizeGreaterThanOrEqualTo(10);
        assertThat(rejections).allSatisfy(r -> {
            assertThat((String) r.get("reason")).isNotBlank();
            assertThat((Integer) r.get("status")).isIn(400, 413, 415);
        });
        assertThat(statusOf(rejections, "train/cat/huge.png")).isEqualTo(413);
        assertThat(statusOf(rejections, "train/cat/bomb.png")).isEqualTo(413);
        assertThat(statusOf(rejections, "train/cat/inner.zip")).isEqualTo(415);
        assertThat(reasonOf(rejections, "training/cat/x.png")).contains("training");

        List<ImageIngested> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(dataset), found -> found.size() >= 3);
        assertThat(events).hasSize(3);
        assertThat(events.stream().map(ImageIngested::imageId).collect(Collectors.toSet()))
                .isEqualTo(Set.of(TestImages.sha256(good1), TestImages.sha256(good2)))
                .doesNotContain(TestImages.sha256(badLabel), TestImages.sha256(tooDeep));
        given().auth().oauth2(TestTokens.uploader())
                .get("/v1/datasets/" + dataset).then().statusCode(200).body("images", equalTo(2))
                .body("splits.train.labels.cat", equalTo(1)).body("splits.train.labels.dog", equalTo(1));
    }

    @Test
    void zipEntryAboveTheImageCapIsRejectedWhileItIsReadAndTheNextEntryStillGoesIn() {
        String dataset = dataset();
        TestArchive archive = new TestArchive().file("cat/huge.png", new byte[MAX_IMAGE_BYTES + 100])
                .file("cat/ok.png", TestImages.png(5, 5));

        upload(dataset, "application/zip", archive.zip(), "")
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].entry", equalTo("cat/huge.png")).body("rejections[0].status", equalTo(413));
    }

    @Test
    void bodiesThatAreNoArchiveAreRefusedWhole() {
        String dataset = dataset();
        given().auth().oauth2(TestTokens.uploader())
                .contentType("application/x-tar").body("this is not a tar file".repeat(100).getBytes(StandardCharsets.UTF_8))
                .post("/v1/datasets/" + dataset + "/archive")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("not-an-archive"));
        given().auth().oauth2(TestTokens.uploader()).contentType("application/octet-stream").body(new byte[]{1, 2, 3})
                .post("/v1/datasets/" + dataset + "/archive")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.uploader())
                .contentType("application/zip").body(new byte[0]).post("/v1/datasets/" + dataset + "/archive")
                .then().statusCode(400).body("type", containsString("empty-archive"));
        given().auth().oauth2(TestTokens.uploader()).contentType("application/gzip").body(gzipOf(TestImages.png(8, 8)))
                .post("/v1/datasets/" + dataset + "/archive")
                .then().statusCode(400).body("detail", containsString("does not hold a tar"));
        byte[] tgz = new TestArchive().file("cat/1.png", TestImages.png(8, 8)).tarGz();
        given().auth().oauth2(TestTokens.uploader()).contentType("application/gzip").body(Arrays.copyOf(tgz, 15))
                .post("/v1/datasets/" + dataset + "/archive")
                .then().statusCode(400).body("type", containsString("corrupt-archive"));
        given().auth().oauth2(TestTokens.uploader())
                .contentType("text/plain").body("hello").post("/v1/datasets/" + dataset + "/archive")
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.uploader()).get("/v1/datasets/" + dataset).then().statusCode(404);
    }

    @Test
    void unsafeDataSetNameOrUnknownSplitIsRefused() {
        byte[] tar = new TestArchive().file("cat/1.png", TestImages.png(8, 8)).tar();
        given().auth().oauth2(TestTokens.uploader())
                .contentType("application/x-tar").body(tar).post("/v1/datasets/-bad/archive")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("unsafe-dataset"));
        given().auth().oauth2(TestTokens.uploader())
                .contentType("application/x-tar").body(tar).post("/v1/datasets/" + dataset() + "/archive?split=dev")
                .then().statusCode(400).body("type", containsString("unknown-split"));
    }

    @Test
    void truncatedArchiveKeepsWhatWasReadAndSaysWhereItStopped() {
        String dataset = dataset();
        TestArchive archive = new TestArchive();
        for (int i = 0; i < 4; i++) {
            archive.file("cat/" + i + ".png", TestImages.png(64, 64));
        }
        byte[] tgz = archive.tarGz();

        JsonPath summary = upload(dataset, "application/gzip", Arrays.copyOf(tgz, tgz.length * 6 / 10), "")
                .body("error.status", equalTo(400)).body("error.code", equalTo("corrupt-archive"))
                .extract().jsonPath();

        int accepted = summary.getInt("accepted");
        assertThat(accepted).isBetween(1, 3);
        assertThat(summary.getString("error.reason")).contains("broke after");
        given().auth().oauth2(TestTokens.uploader())
                .get("/v1/datasets/" + dataset).then().statusCode(200).body("images", equalTo(accepted));

        byte[] tar = archive.tar();
        upload(dataset(), "application/x-tar", Arrays.copyOf(tar, tar.length / 2), "")
                .body("error.code", equalTo("corrupt-archive"));
    }

    @Test
    void tooManyEntriesStopsTheReadingWith413InTheSummary() {
        String dataset = dataset();
        TestArchive archive = new TestArchive().file("cat/first.png", TestImages.png(6, 6));
        // directories count as entries: the limit protects the reader, whatever the entries are
        for (int i = 0; i < 99_999; i++) {
            archive.dir("cat/d" + i);
        }
        archive.file("cat/too-late.png", TestImages.png(6, 6));

        upload(dataset, "application/gzip", archive.tarGz(), "")
                .body("entries", equalTo(100_000)).body("accepted", equalTo(1))
                .body("error.status", equalTo(413)).body("error.code", equalTo("too-many-entries"))
                .body("error.reason", containsString("cat/too-late.png"));
        given().auth().oauth2(TestTokens.uploader())
                .get("/v1/datasets/" + dataset).then().statusCode(200).body("images", equalTo(1));
    }

    /** An archive that unpacks to more than its cap (128 MiB in tests) stops there, as a zip bomb would. */
    @Test
    void anArchiveUnpackingBeyondItsCapStopsWith413InTheSummary() {
        String dataset = dataset();
        TestArchive archive = new TestArchive().file("cat/first.png", TestImages.png(6, 6));
        // 30 MB of zeros each, a few kilobytes once compressed
        for (int i = 0; i < 5; i++) {
            archive.file("cat/zeros-" + i + ".png", new byte[30_000_000]);
        }
        archive.file("cat/after.png", TestImages.png(7, 7));

        upload(dataset, "application/gzip", archive.tarGz(), "")
                .body("accepted", equalTo(1))
                .body("error.status", equalTo(413)).body("error.code", equalTo("archive-too-large"))
                .body("error.reason", containsString("cat/after.png"));
    }

    /** A refusal must reach a client that is still sending a large body, not leave it hanging or reset. */
    @Test
    void refusalsReachAClientStillSendingALargeBody() {
        byte[] large = new byte[24 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        RestAssuredConfig patient = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 10_000));
        given().auth().oauth2(TestTokens.uploader())
                .config(patient).contentType("application/x-tar").body(large).post("/v1/datasets/-bad/archive")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.uploader()).config(patient).contentType("application/x-tar").body(large)
                .post("/v1/datasets/" + dataset() + "/archive")
                .then().statusCode(400).body("type", containsString("not-an-archive"));
        given().get("/q/health/live").then().statusCode(200);
    }

    private static String bad(Map<String, String> expected, String entry, String code) {
        expected.put(entry, code);
        return entry;
    }

    private static Object statusOf(List<Map<String, Object>> rejections, String entry) {
        return rejections.stream().filter(r -> entry.equals(r.get("entry"))).findFirst().orElseThrow().get("status");
    }

    private static String reasonOf(List<Map<String, Object>> rejections, String entry) {
        return (String) rejections.stream().filter(r -> entry.equals(r.get("entry"))).findFirst().orElseThrow()
                .get("reason");
    }

    private static byte[] gzipOf(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
