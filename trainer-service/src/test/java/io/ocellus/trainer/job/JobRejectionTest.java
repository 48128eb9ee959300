package io.ocellus.trainer.job;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Requests that cannot run end FAILED with a reason (or a problem response), and the trainer keeps serving. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class JobRejectionTest {

    @Inject
    ObjectStore store;

    @Inject
    TrainingJobs jobs;

    @Inject
    JobJournal journal;

    @Test
    void unknownDataSetFails() {
        assertThat(failureOf(request("no-such-set", Architecture.LENET, 28, 0.01, 8)))
                .contains("data set 'no-such-set' has no images");
    }

    @Test
    void singleClassDataSetFails() {
        store.ensureBucket(Buckets.IMAGES);
        for (int i = 0; i < 3; i++) {
            byte[] png = io.ocellus.samples.GrayscalePng.encode(new byte[]{(byte) i, 1, 2, 3}, 2, 2);
            StoredDatasets.storeImage(store, "one-class", Split.TRAIN, "cat", png);
        }
        assertThat(failureOf(request("one-class", Architecture.SHALLOWNET, 2, 0.01, 8)))
                .contains("single class (cat)").contains("at least 2");
    }

    @Test
    void inputSmallerThanTheArchitectureFails() {
        assertThat(failureOf(request("whatever", Architecture.ALEXNET, 32, 0.01, 8)))
                .contains("smaller than alexnet allows: at least 67x67");
    }

    @Test
    void aContractBreakingRequestIsDeadLetteredAndItsJobFailed() {
        String jobId = "bad-rate-" + UUID.randomUUID();
        String json = new String(EventSerde.instance().serialize(request("x", Architecture.LENET, 28, 0.01, 8)
                .withModelName(null)), StandardCharsets.UTF_8)
                .replace("\"jobId\":\"" + lastJobId + "\"", "\"jobId\":\"" + jobId + "\"")
                .replace("\"learningRate\":0.01", "\"learningRate\":-0.5");
        KafkaProbe.send(Topics.TRAINING_REQUESTED, jobId, json.getBytes(StandardCharsets.UTF_8));

        assertThat(terminal(jobId).reason()).contains("learningRate");
        assertThat(KafkaProbe.await(Topics.DEAD_LETTERS, r -> jobId.equals(r.key()), Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void restRefusesBadConfigsWithProblems() {
        String trainer = TestTokens.token("tina", "trainer");
        given().auth().oauth2(trainer).contentType("application/json").body("{not json")
                .post("/v1/jobs").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(trainer).contentType("application/json")
                .body("{\"dataset\":\"d\",\"architecture\":\"lenet\",\"inputShape\":{\"channels\":1,\"height\":28,"
                        + "\"width\":28},\"hyperParameters\":{\"epochs\":2,\"batchSize\":0,\"optimizer\":\"sgd\","
                        + "\"learningRate\":0.1}}")
                .post("/v1/jobs").then().statusCode(400).body("detail", containsString("batchSize"));
        given().auth().oauth2(trainer).contentType("application/json")
                .body("{\"dataset\":\"d\",\"architecture\":\"googlenet\",\"inputShape\":{\"channels\":1,\"height\":28,"
                        + "\"width\":28},\"hyperParameters\":{\"epochs\":2,\"batchSize\":8,\"optimizer\":\"sgd\","
                        + "\"learningRate\":0.1}}")
                .post("/v1/jobs").then().statusCode(400).body("detail", containsString("architecture"));
        given().contentType("application/json").body("{}").post("/v1/jobs").then().statusCode(401);
        given().auth().oauth2(TestTokens.uploader()).contentType("application/json").body("{}")
                .post("/v1/jobs").then().statusCode(403);
        given().auth().oauth2(trainer).get("/v1/jobs/no-such-job").then().statusCode(404)
                .body("title", equalTo("Job not found"));
    }

    @Test
    void restSubmitsThroughKafkaAndAnswersWithTheJob() {
        String trainer = TestTokens.token("tina", "trainer");
        String jobId = given().auth().oauth2(trainer).contentType("application/json")
                .body("{\"dataset\":\"absent-set\",\"architecture\":\"shallownet\",\"inputShape\":{\"channels\":1,"
                        + "\"height\":8,\"width\":8},\"hyperParameters\":{\"epochs\":1,\"batchSize\":8,"
                        + "\"optimizer\":\"rmsprop\",\"learningRate\":0.01}}")
                .post("/v1/jobs").then().statusCode(202).extract().path("jobId");

        assertThat(terminal(jobId).reason()).contains("absent-set");
        given().auth().oauth2(trainer).get("/v1/jobs/" + jobId).then().statusCode(200)
                .body("status", equalTo("FAILED"));
        given().auth().oauth2(trainer).post("/v1/jobs/" + jobId + "/cancel").then().statusCode(409);
    }

    @Test
    void aJobIdThatCouldNameAnotherJobsFolderIsRefused() {
        String trainer = TestTokens.token("tina", "trainer");
        given().auth().oauth2(trainer).contentType("application/json")
                .body("{\"jobId\":\"../victim\",\"dataset\":\"d\",\"architecture\":\"lenet\",\"inputShape\":"
                        + "{\"channels\":1,\"height\":28,\"width\":28},\"hyperParameters\":{\"epochs\":2,"
                        + "\"batchSize\":8,\"optimizer\":\"sgd\",\"learningRate\":0.1}}")
                .post("/v1/jobs").then().statusCode(400).body("detail", containsString("jobId"));

        String prefix = "nested-" + System.nanoTime();
        TrainingRequested request = TrainingRequested.of(prefix + "/job", "absent-set", Architecture.SHALLOWNET,
                new InputShape(1, 8, 8), new HyperParameters(1, 8, Optimizer.SGD, 0.1, null, null, 1L), null, null,
                null, null, null, Instant.now());

        assertThat(failureOf(request)).contains("jobId");
        assertThat(store.listKeys(Buckets.MODELS, "jobs/" + prefix)).as("nothing written under the id").isEmpty();
    }

    @Test
    void aJobTheJournalSawFinishIsNotRunAgainAfterARestart() {
        TrainingRequested request = request("absent-set", Architecture.SHALLOWNET, 8, 0.1, 8);
        // what a trainer that ran the job leaves in the store; a restarted trainer has nothing in memory
        journal.save(request, TrainingStatus.COMPLETED, null);

        assertThat(jobs.submit(request)).as("a redelivered request is refused").isFalse();
        assertThat(jobs.find(request.jobId())).get().extracting(JobState::status)
                .isEqualTo(TrainingStatus.COMPLETED);

        TrainingRequested other = request("absent-set", Architecture.SHALLOWNET, 8, 0.1, 8);
        journal.save(other, TrainingStatus.FAILED, "an earlier run");
        given().auth().oauth2(TestTokens.token("tina", "trainer")).contentType("application/json")
                .body("{\"jobId\":\"" + other.jobId() + "\",\"dataset\":\"d\",\"architecture\":\"lenet\","
                        + "\"inputShape\":{\"channels\":1,\"height\":28,\"width\":28},\"hyperParameters\":"
                        + "{\"epochs\":2,\"batchSize\":8,\"optimizer\":\"sgd\",\"learningRate\":0.1}}")
                .post("/v1/jobs").then().statusCode(409);
    }

    private String lastJobId;

    private TrainingRequested request(String dataset, Architecture architecture, int size, double rate, int batch) {
        lastJobId = "job-" + UUID.randomUUID();
        return TrainingRequested.of(lastJobId, dataset, architecture, new InputShape(1, size, size),
                new HyperParameters(2, batch, Optimizer.SGD, rate, null, null, 1L), null, null, null, null, null,
                Instant.now());
    }

    private String failureOf(TrainingRequested request) {
        KafkaProbe.send(Topics.TRAINING_REQUESTED, request.jobId(), EventSerde.instance().serialize(request));
        TrainingProgress last = terminal(request.jobId());
        assertThat(last.status()).isEqualTo(TrainingStatus.FAILED);
        return last.reason();
    }

    private static TrainingProgress terminal(String jobId) {
        return KafkaProbe.await(Topics.TRAINING_PROGRESS, r -> jobId.equals(r.key())
                                && EventSerde.instance().deserialize(r.value(), TrainingProgress.class).status().isTerminal(),
                        Duration.ofSeconds(60))
                .map(r -> EventSerde.instance().deserialize(r.value(), TrainingProgress.class))
                .orElseThrow(() -> new AssertionError("no terminal progress for " + jobId));
    }
}
