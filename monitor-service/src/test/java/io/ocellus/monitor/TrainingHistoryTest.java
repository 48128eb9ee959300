package io.ocellus.monitor;

import io.ocellus.schema.Topics;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Job histories and training metrics built from events on the real broker, however they arrive. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class TrainingHistoryTest {

    @TestHTTPResource("/v1/jobs/stream")
    URI stream;

    @Test
    void historyIsRightWhateverTheOrderAndHoweverOftenEventsArrive() {
        String jobId = MonitorEvents.id("job");
        Instant start = Instant.parse("2026-11-30T10:00:00Z");
        double progressBefore = metric("ocellus_topic_events_total", "topic=\"" + Topics.TRAINING_PROGRESS + "\"");

        // epoch 2 before epoch 1, epoch 2 twice, and the request read after the first progress
        List<TrainingProgress> progress = List.of(
                MonitorEvents.epoch(jobId, 2, start.plusSeconds(20)),
                MonitorEvents.epoch(jobId, 1, start.plusSeconds(10)),
                MonitorEvents.epoch(jobId, 2, start.plusSeconds(20)),
                MonitorEvents.epoch(jobId, 3, start.plusSeconds(30)),
                TrainingProgress.status(jobId, TrainingStatus.COMPLETED, null, start.plusSeconds(31)),
                // a stale RUNNING redelivered after the end must not bring the job back to life
                MonitorEvents.epoch(jobId, 3, start.plusSeconds(30)),
                TrainingProgress.status(jobId, TrainingStatus.RUNNING, null, start.plusSeconds(5)));
        progress.forEach(event -> MonitorEvents.send(Topics.TRAINING_PROGRESS, jobId, event));
        MonitorEvents.send(Topics.TRAINING_REQUESTED, jobId, MonitorEvents.request(jobId, start));

        await().atMost(Duration.ofSeconds(30)).until(() -> metric("ocellus_topic_events_total",
                "topic=\"" + Topics.TRAINING_PROGRESS + "\"") >= progressBefore + progress.size());
        JsonPath job = await().atMost(Duration.ofSeconds(30))
                .until(() -> MonitorEvents.asViewer().get("/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath(),
                        json -> "digits-lenet".equals(json.getString("modelName")));

        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getList("epochs.epoch", Integer.class)).containsExactly(1, 2, 3);
        assertThat(job.getDouble("epochs[1].trainLoss")).isCloseTo(0.5, within(1e-12));
        assertThat(job.getDouble("epochs[2].valAccuracy")).isCloseTo(0.75, within(1e-12));
        assertThat(job.getString("dataset")).isEqualTo("digits");
        assertThat(job.getString("architecture")).isEqualTo("lenet");
        assertThat(job.getInt("totalEpochs")).isEqualTo(3);

        assertThat(MonitorEvents.asViewer().get("/v1/jobs").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.jobId == '" + jobId + "' }.epochs[0].epoch", Integer.class))
                .as("the list carries the latest epoch only").containsExactly(3);

        String label = "job_id=\"" + jobId + "\"";
        assertThat(metric("ocellus_training_loss", label, "split=\"train\"")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(metric("ocellus_training_loss", label, "split=\"val\"")).isCloseTo(0.4, within(1e-9));
        assertThat(metric("ocellus_training_accuracy_ratio", label, "split=\"val\"")).isCloseTo(0.75, within(1e-9));
        assertThat(metric("ocellus_training_epoch", label)).isEqualTo(3);
        assertThat(metric("ocellus_training_learning_rate", label)).isCloseTo(0.01 / 3, within(1e-12));
        assertThat(metric("ocellus_training_images_per_second", label)).isCloseTo(300, within(1e-9));
        assertThat(metric("ocellus_training_job_status", label, "status=\"COMPLETED\"")).isEqualTo(1);
        assertThat(metric("ocellus_training_job_status", label, "status=\"RUNNING\"")).isZero();
        assertThat(metric("ocellus_training_job_updated_timestamp_seconds", label))
                .isEqualTo(start.plusSeconds(31).getEpochSecond());
    }

    @Test
    void curveIsAPngOfTheJobsEpochs() throws Exception {
        String jobId = MonitorEvents.id("curve");
        Instant start = Instant.now();
        for (int epoch = 1; epoch <= 3; epoch++) {
            MonitorEvents.send(Topics.TRAINING_PROGRESS, jobId, MonitorEvents.epoch(jobId, epoch,
                    start.plusSeconds(epoch)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> MonitorEvents.asViewer().get("/v1/jobs/" + jobId).statusCode() == 200
                && MonitorEvents.asViewer().get("/v1/jobs/" + jobId).jsonPath().getList("epochs").size() == 3);

        byte[] png = MonitorEvents.asViewer().get("/v1/jobs/" + jobId + "/curve.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isGreaterThan(400);
    }

    @Test
    void unknownJobIsAProblem() {
        MonitorEvents.asViewer().get("/v1/jobs/no-such-job").then().statusCode(404)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("no-such-job"));
        MonitorEvents.asViewer().get("/v1/jobs/no-such-job/curve.png").then().statusCode(404);
    }

    @Test
    void jobWithoutEpochsHasNoCurveYet() {
        String jobId = MonitorEvents.id("queued");
        MonitorEvents.send(Topics.TRAINING_REQUESTED, jobId, MonitorEvents.request(jobId, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> MonitorEvents.asViewer().get("/v1/jobs/" + jobId).statusCode() == 200);
        MonitorEvents.asViewer().get("/v1/jobs/" + jobId).then().body("status", equalTo("QUEUED"));
        MonitorEvents.asViewer().get("/v1/jobs/" + jobId + "/curve.png").then().statusCode(404).body("title", equalTo("No epoch yet"));
    }

    @Test
    void changesStreamAsServerSentEvents() throws Exception {
        String jobId = MonitorEvents.id("live");
        HttpClient client = HttpClient.newHttpClient();
        // as the page's EventSource sends it: the token in the same-site cookie, no header
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream")
                .header("Cookie", "ocellus-token=" + TestTokens.token("vera", "viewer")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> lines.lines()
                    .filter(line -> line.startsWith("data:") && line.contains(jobId)).findFirst().orElse(null));
            MonitorEvents.send(Topics.TRAINING_PROGRESS, jobId, MonitorEvents.epoch(jobId, 1, Instant.now()));
            String data = seen.get(30, TimeUnit.SECONDS);
            JsonPath event = JsonPath.from(data.substring("data:".length()));
            assertThat(event.getString("jobId")).isEqualTo(jobId);
            assertThat(event.getList("epochs.epoch", Integer.class)).containsExactly(1);
        }
    }

    static double metric(String name, String... labels) {
        String exposition = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(exposition, name, labels);
    }
}
