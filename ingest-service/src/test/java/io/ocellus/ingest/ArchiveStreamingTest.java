package io.ocellus.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ocellus.ingest.ArchiveUploadTest.dataset;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With Accept: application/x-ndjson the answer streams one line per entry, while the archive still arrives. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ArchiveStreamingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ndjsonGivesOneLinePerEntryThenTheSummary() {
        TestArchive archive = new TestArchive().dir("train").dir("train/cat")
                .file("train/cat/1.png", TestImages.png(6, 6))
                .file("train/dog/2.png", TestImages.png(6, 6))
                .file("train/dog/notes.txt", "hi".getBytes())
                .file(".DS_Store", new byte[]{1})
                .file("train/cat/again.png", TestImages.png(6, 6));

        String body = given().auth().oauth2(TestTokens.uploader())
                .contentType("application/x-tar").accept("application/x-ndjson")
                .body(archive.tar()).post("/v1/datasets/" + dataset() + "/archive")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();

        List<JsonNode> lines = parse(body);
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 5)).extracting(l -> l.get("entry").asText() + " " + l.get("result").asText())
                .containsExactly("train/cat/1.png accepted", "train/dog/2.png accepted",
                        "train/dog/notes.txt rejected", ".DS_Store skipped", "train/cat/again.png accepted");
        assertThat(lines.get(0).get("imageId").asText()).hasSize(64);
        assertThat(lines.get(2).get("status").asInt()).isEqualTo(415);
        assertThat(lines.get(2).get("reason").asText()).contains("notes.txt");
        JsonNode summary = lines.get(5).get("summary");
        assertThat(summary.get("accepted").asInt()).isEqualTo(3);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("skipped").asInt()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNoArchiveIsAProblemEvenWhenNdjsonIsAsked() {
        String empty = given().auth().oauth2(TestTokens.uploader())
                .contentType("application/x-tar").accept("application/x-ndjson")
                .body(new TestArchive().tar()).post("/v1/datasets/" + dataset() + "/archive")
                .then().statusCode(200).extract().asString();
        assertThat(parse(empty)).singleElement().satisfies(line -> assertThat(line.get("summary").get("entries")
                .asInt()).isZero());
        given().auth().oauth2(TestTokens.uploader()).contentType("application/x-tar").accept("application/x-ndjson")
                .body("not a tar".repeat(100).getBytes()).post("/v1/datasets/" + dataset() + "/archive")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** A real HTTP client sends half the archive, reads the first entries' lines, and only then sends the rest. */
    @Test
    void linesArriveWhileTheArchiveIsStillBeingSent() throws Exception {
        TestArchive archive = new TestArchive();
        for (int i = 0; i < 6; i++) {
            archive.file("cat/" + i + ".png", TestImages.png(16, 16));
        }
        byte[] tar = archive.tar();
        int firstHalf = (int) archive.tarOffsetOf(3);
        StringBuffer received = new StringBuffer();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient();
            HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.POST)
                            .setHost("127.0.0.1").setPort(RestAssured.port)
                            .setURI("/v1/datasets/" + dataset() + "/archive")
                            .putHeader("Content-Type", "application/x-tar")
                            .putHeader("Authorization", "Bearer " + TestTokens.uploader())
                            .putHeader("Accept", "application/x-ndjson"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            request.setChunked(true);
            request.response().onSuccess(response -> {
                status.complete(response.statusCode());
                response.handler(chunk -> received.append(chunk.toString()));
                response.endHandler(v -> ended.complete(null));
            }).onFailure(ended::completeExceptionally);
            request.write(Buffer.buffer(Arrays.copyOf(tar, firstHalf)));

            await().atMost(Duration.ofSeconds(30)).until(() -> parse(received.toString()).size() >= 3);
            assertThat(status.get(1, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(ended).isNotDone();
            assertThat(parse(received.toString())).hasSize(3)
                    .allSatisfy(line -> assertThat(line.get("result").asText()).isEqualTo("accepted"));

            request.end(Buffer.buffer(Arrays.copyOfRange(tar, firstHalf, tar.length)));
            ended.get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        List<JsonNode> lines = parse(received.toString());
        assertThat(lines).hasSize(7);
        assertThat(lines.get(6).get("summary").get("accepted").asInt()).isEqualTo(6);
    }

    /** Complete lines only: a line still being received is not counted. */
    private static List<JsonNode> parse(String body) {
        List<JsonNode> lines = new ArrayList<>();
        int end;
        int start = 0;
        while ((end = body.indexOf('\n', start)) >= 0) {
            String line = body.substring(start, end);
            start = end + 1;
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }
}
