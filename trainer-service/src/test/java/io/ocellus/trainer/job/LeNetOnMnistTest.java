package io.ocellus.trainer.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.PromotionCause;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.ocellus.vision.Preprocessor;
import io.ocellus.vision.onnx.OnnxClassifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The real thing: 2,000 real MNIST digits in the store, a LeNet training request through Kafka, progress events
 * per epoch, checkpoints, a training curve and an evaluation on 500 held-out digits; then the trained net
 * exported to ONNX, checked against DJL, published, promoted, and administered through the registry.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class LeNetOnMnistTest {

    private static final String DATASET = "mnist-2k";
    private static final int EPOCHS = 4;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    @Test
    void leNetLearnsTheDigitsThroughKafka() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, DATASET, Split.TRAIN, digits, 0, 200);
        StoredDatasets.storeDigits(store, DATASET, Split.TEST, digits, 200, 250);
        String jobId = "lenet-mnist-" + System.nanoTime();
        TrainingRequested request = TrainingRequested.of(jobId, DATASET, Architecture.LENET,
                new InputShape(1, 28, 28), new HyperParameters(EPOCHS, 32, Optimizer.ADAM, 0.001, null, null, 7L),
                null, null, null, null, null, Instant.now());

        KafkaProbe.send(Topics.TRAINING_REQUESTED, jobId, EventSerde.instance().serialize(request));

        ConsumerRecord<String, byte[]> done = KafkaProbe.await(Topics.TRAINING_PROGRESS,
                r -> jobId.equals(r.key()) && progress(r).status().isTerminal(), Duration.ofMinutes(5))
                .orElseThrow(() -> new AssertionError("no terminal progress event for " + jobId));
        TrainingProgress last = progress(done);
        assertThat(last.status()).as(last.reason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(last.epoch()).isEqualTo(EPOCHS);

        List<TrainingProgress> events = KafkaProbe.readAll(Topics.TRAINING_PROGRESS).stream()
                .filter(r -> jobId.equals(r.key())).map(LeNetOnMnistTest::progress).toList();
        assertThat(events).extracting(TrainingProgress::status).startsWith(TrainingStatus.QUEUED,
                TrainingStatus.RUNNING);
        assertThat(events).filteredOn(e -> e.status() == TrainingStatus.RUNNING && e.epoch() != null)
                .extracting(TrainingProgress::epoch).containsExactly(1, 2, 3, 4);
        assertThat(events).filteredOn(e -> e.epoch() != null)
                .allSatisfy(e -> assertThat(e.valAccuracy()).isBetween(0.0, 1.0));

        JsonNode evaluation = json.readTree(store.get(Buckets.MODELS, JobArtifacts.evaluation(jobId)));
        assertThat(evaluation.get("testImages").asInt()).isEqualTo(500);
        assertThat(evaluation.get("rank1").asDouble()).as("rank-1 on 500 held-out digits").isGreaterThanOrEqualTo(0.90);
        assertThat(evaluation.get("rank5").asDouble()).isGreaterThanOrEqualTo(evaluation.get("rank1").asDouble());
        assertThat(evaluation.get("perClass")).hasSize(10);
        assertThat(evaluation.get("confusion")).hasSize(10);

        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            assertThat(store.exists(Buckets.MODELS, JobArtifacts.checkpoint(jobId, epoch))).as("epoch %d", epoch)
                    .isTrue();
        }
        BufferedImage curve = ImageIO.read(new ByteArrayInputStream(store.get(Buckets.MODELS,
                JobArtifacts.curve(jobId))));
        assertThat(curve.getWidth()).isEqualTo(900);
        assertThat(distinctColours(curve)).as("a drawn chart, not a blank image").isGreaterThan(10);

        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/jobs/" + jobId)
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("history.size()", equalTo(EPOCHS))
                .body("evaluation.testImages", equalTo(500));
        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/jobs/" + jobId + "/curve.png")
                .then().statusCode(200).contentType("image/png");

        String model = DATASET + "-lenet";
        ModelPublished published = published(model, 1);
        assertThat(published.jobId()).isEqualTo(jobId);
        assertThat(published.labels()).hasSize(10);
        assertThat(published.testMetrics().rank1()).isEqualTo(evaluation.get("rank1").asDouble());
        byte[] onnx = store.get(Buckets.MODELS, published.onnxKey());
        assertThat(published.sha256()).isEqualTo(StoredDatasets.sha256(onnx));
        JsonNode metrics = json.readTree(store.get(Buckets.MODELS, ModelKeys.metrics(model, 1)));
        assertThat(metrics.at("/parity/maxAbsoluteDifference").asDouble()).isLessThanOrEqualTo(1e-4);
        assertThat(metrics.at("/parity/top1Mismatches").asInt()).isZero();
        assertThat(store.exists(Buckets.MODELS, ModelKeys.curve(model, 1))).isTrue();
        assertThat(promotion(model, 1).previousVersion()).isNull();
        // the exported file alone classifies the held-out digits as well as the trained net did
        try (OnnxClassifier classifier = OnnxClassifier.open(onnx, 1)) {
            assertThat(classifier.metadata()).containsEntry("ocellus.job", jobId)
                    .containsKey("ocellus.config.sha256").containsKey("ocellus.preprocessing");
            assertThat(accuracy(classifier, digits)).isGreaterThanOrEqualTo(0.90);
        }
        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/registry/" + model)
                .then().statusCode(200).body("current", equalTo(1)).body("versions.size()", equalTo(1));
        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/jobs/" + jobId)
                .then().statusCode(200).body("model.version", equalTo(1)).body("model.current", equalTo(true));

        // a second job on the same data set reads the HDF5 pack the first one wrote instead of every image
        String again = given().auth().oauth2(TestTokens.token("tina", "trainer")).contentType("application/json")
                .body("{\"dataset\":\"" + DATASET + "\",\"architecture\":\"lenet\",\"inputShape\":{\"channels\":1,"
                        + "\"height\":28,\"width\":28},\"hyperParameters\":{\"epochs\":1,\"batchSize\":64,"
                        + "\"optimizer\":\"nesterov\",\"learningRate\":0.01,\"seed\":7}}")
                .post("/v1/jobs").then().statusCode(202).extract().path("jobId");
        KafkaProbe.await(Topics.TRAINING_PROGRESS, r -> again.equals(r.key()) && progress(r).status().isTerminal(),
                Duration.ofMinutes(2)).orElseThrow();
        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/jobs/" + again)
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("dataSource", startsWith("pack packs/" + DATASET + "/"));

        // version 2 is current only if the policy (not worse on test rank-1) says so
        ModelPublished second = published(model, 2);
        int expectedCurrent = second.testMetrics().rank1() >= published.testMetrics().rank1() ? 2 : 1;
        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/registry/" + model)
                .then().statusCode(200).body("current", equalTo(expectedCurrent));
        registryAdministration(model, expectedCurrent);
    }

    /** An administrator promotes the other version, then rolls back; others may not. */
    private static void registryAdministration(String model, int current) {
        int other = current == 1 ? 2 : 1;
        given().auth().oauth2(TestTokens.token("tina", "trainer")).contentType("application/json")
                .body("{\"version\":" + other + "}").post("/v1/registry/" + model + "/promote")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.token("ada", "admin")).contentType("application/json")
                .body("{\"version\":9}").post("/v1/registry/" + model + "/promote")
                .then().statusCode(404).body("detail", equalTo("model " + model + " has no version 9"));
        given().auth().oauth2(TestTokens.token("ada", "admin")).contentType("application/json")
                .body("{\"version\":" + other + ",\"reason\":\"canary\"}").post("/v1/registry/" + model + "/promote")
                .then().statusCode(200).body("current", equalTo(other));
        ModelPromoted manual = KafkaProbe.await(Topics.MODELS_PROMOTED, r -> model.equals(r.key())
                        && promoted(r).cause() == PromotionCause.MANUAL, Duration.ofSeconds(30)).map(r -> promoted(r))
                .orElseThrow();
        assertThat(manual.version()).isEqualTo(other);
        assertThat(manual.reason()).isEqualTo("canary");
        given().auth().oauth2(TestTokens.token("ada", "admin")).contentType("application/json").body("{}")
                .post("/v1/registry/" + model + "/rollback")
                .then().statusCode(200).body("current", equalTo(current));
        assertThat(KafkaProbe.await(Topics.MODELS_PROMOTED, r -> model.equals(r.key())
                && promoted(r).cause() == PromotionCause.ROLLBACK, Duration.ofSeconds(30))).isPresent();
        given().auth().oauth2(TestTokens.token("alice", "viewer")).get("/v1/registry/no-such-model")
                .then().statusCode(404);
    }

    private static ModelPublished published(String model, int version) {
        return KafkaProbe.await(Topics.MODELS_PUBLISHED, r -> model.equals(r.key())
                        && EventSerde.instance().deserialize(r.value(), ModelPublished.class).version() == version,
                Duration.ofSeconds(30)).map(r -> EventSerde.instance().deserialize(r.value(), ModelPublished.class))
                .orElseThrow(() -> new AssertionError("no ModelPublished for " + model + " version " + version));
    }

    private static ModelPromoted promotion(String model, int version) {
        return KafkaProbe.await(Topics.MODELS_PROMOTED, r -> model.equals(r.key()) && promoted(r).version() == version,
                Duration.ofSeconds(30)).map(LeNetOnMnistTest::promoted)
                .orElseThrow(() -> new AssertionError("no ModelPromoted for " + model + " version " + version));
    }

    private static ModelPromoted promoted(ConsumerRecord<String, byte[]> record) {
        return EventSerde.instance().deserialize(record.value(), ModelPromoted.class);
    }

    /** Rank-1 of the ONNX model on the held-out digits (the same 500 the trainer tested on). */
    private static double accuracy(OnnxClassifier classifier, List<List<byte[]>> digits) {
        Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(28, 28));
        int correct = 0;
        int total = 0;
        for (int digit = 0; digit < 10; digit++) {
            for (byte[] png : StoredDatasets.pngs(digits.get(digit), 200, 250)) {
                float[] probabilities = classifier.classify(preprocessor.apply(png), 1)[0];
                int best = 0;
                for (int k = 1; k < probabilities.length; k++) {
                    if (probabilities[k] > probabilities[best]) {
                        best = k;
                    }
                }
                correct += best == digit ? 1 : 0;
                total++;
            }
        }
        return (double) correct / total;
    }

    private static TrainingProgress progress(ConsumerRecord<String, byte[]> record) {
        return EventSerde.instance().deserialize(record.value(), TrainingProgress.class);
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
