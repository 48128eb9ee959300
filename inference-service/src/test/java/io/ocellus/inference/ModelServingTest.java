package io.ocellus.inference;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.inference.endpoint.ModelResource;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.PromotionCause;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.serving.ImageLimits;
import io.ocellus.serving.security.VerifiedTokens;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.ocellus.teststack.TestTokens;
import io.ocellus.teststack.TinyClassifiers;
import io.ocellus.vision.Preprocessor;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Serving real ONNX models from the registry in the real store, told of new versions through the real broker:
 * answers, the shared preprocessing, hot swaps, refused versions, ensembles, idempotent Kafka classification and
 * bad requests.
 */
@QuarkusTest
@Order(2)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ModelServingTest {

    private static final List<String> LABELS = List.of("cat", "dog", "owl", "eel");
    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    @Inject
    ImageLimits limits;

    @Inject
    JWTParser tokenParser;

    @Test
    void aTokenIsCheckedOnceAndASplicedOneIsStillRefused() {
        assertThat(tokenParser).isInstanceOf(VerifiedTokens.class);
        String token = viewer();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/v1/models").then().statusCode(200);
        }
        // the signature of a token already accepted, over the claims of another: refused, not taken from memory
        String[] parts = token.split("\\.");
        String spliced = parts[0] + "." + TestTokens.token("mallory", "admin").split("\\.")[1] + "." + parts[2];
        given().auth().oauth2(spliced).get("/v1/models").then().statusCode(401);
    }

    @Test
    void answersWithTheCurrentVersionComputedOnTheSharedPreprocessing() {
        String name = unique("tiny");
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 11);
        publish(name, 1, model, model.onnx(), true);
        awaitServed(name, 1);
        // a 20x12 RGB image: resized to 8x8 and turned gray on the way in, exactly as in training
        byte[] png = TestImages.encode(TestImages.random(20, 12, BufferedImage.TYPE_INT_RGB, 3), "png");
        float[] x = new float[64];
        new Preprocessor(1, Preprocessor.unitScale(8, 8)).apply(png, x, 0);
        double[] expected = model.expected(x);

        Response answer = classify(name, png, "image/png", "?topK=4");

        answer.then().statusCode(200).body("model", equalTo(name)).body("version", equalTo(1));
        List<String> labels = answer.path("results[0].topK.label");
        List<Float> probabilities = answer.path("results[0].topK.probability");
        assertThat(labels).hasSize(4);
        for (int i = 0; i < labels.size(); i++) {
            assertThat((double) probabilities.get(i)).isCloseTo(expected[LABELS.indexOf(labels.get(i))],
                    offset(1e-5));
        }
        assertThat(probabilities).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).get("/v1/models/" + name).then().statusCode(200)
                .body("version", equalTo(1)).body("labels", equalTo(LABELS));
        String exposition = metrics();
        String label = "model=\"" + name + "\"";
        assertThat(PrometheusText.sum(exposition, "ocellus_inference_request_duration_seconds_count", label))
                .isEqualTo(1);
        assertThat(PrometheusText.sum(exposition, "ocellus_serving_batch_size_count", label)).isEqualTo(1);
        assertThat(PrometheusText.sum(exposition, "ocellus_serving_model_loads_total", label)).isEqualTo(1);
        assertThat(PrometheusText.has(exposition, "ocellus_serving_queue_depth")).isTrue();
    }

    @Test
    void trainerAndServiceMakeIdenticalTensorsFromTheSameImage() {
        Preprocessor gray = new Preprocessor(1, Preprocessor.unitScale(16, 16));
        Preprocessor rgb = new Preprocessor(3, new io.ocellus.schema.events.Preprocessing(16, 16, true, 0.017,
                List.of(123.7, 116.3, 103.5)));
        List<byte[]> images = List.of(
                TestImages.grayPng(28, 28, 1),
                TestImages.encode(TestImages.random(40, 30, BufferedImage.TYPE_INT_RGB, 2), "png"),
                TestImages.encode(TestImages.random(30, 40, BufferedImage.TYPE_INT_ARGB, 3), "png"),
                TestImages.encode(TestImages.random(33, 21, BufferedImage.TYPE_INT_RGB, 4), "jpeg"),
                TestImages.encode(TestImages.random(16, 16, BufferedImage.TYPE_INT_RGB, 5), "bmp"),
                TestImages.encode(TestImages.random(25, 19, BufferedImage.TYPE_INT_RGB, 6), "gif"));
        for (Preprocessor preprocessor : List.of(gray, rgb)) {
            for (byte[] image : images) {
                float[] trainer = new float[preprocessor.size()];
                // the trainer's path (DatasetReader): the stored bytes straight into the preprocessor
                preprocessor.apply(image, trainer, 0);
                // the service's path: the request body checked and decoded by the endpoint, then preprocessed
                float[] service = preprocessor.apply(limits.decode(image, null, "image").image());
                assertThat(service).containsExactly(trainer);
            }
        }
    }

    @Test
    void multipartClassifiesEveryFileByName() {
        String name = unique("multi");
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 12);
        publish(name, 1, model, model.onnx(), true);
        awaitServed(name, 1);

        given().urlEncodingEnabled(false).auth().oauth2(viewer())
                .multiPart("file", "a.png", TestImages.grayPng(8, 8, 1), "image/png")
                .multiPart("file", "b.png", TestImages.grayPng(8, 8, 2), "image/png")
                .multiPart("file", "c.png", TestImages.grayPng(8, 8, 3), "image/png")
                .post("/v1/models/" + name + ":classify?topK=2")
                .then().statusCode(200)
                .body("results.name", equalTo(List.of("a.png", "b.png", "c.png")))
                .body("results[2].topK.size()", equalTo(2));
    }

    @Test
    void preprocessedTensorsAnswerAsTheirImagesDo() {
        String name = unique("tensor");
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 13);
        publish(name, 1, model, model.onnx(), true);
        awaitServed(name, 1);
        Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(8, 8));
        java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(3 * 64 * Float.BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<double[]> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            float[] x = new float[64];
            preprocessor.apply(TestImages.grayPng(8, 8, 20 + i), x, 0);
            expected.add(model.expected(x));
            for (float v : x) {
                body.putFloat(v);
            }
        }

        Response answer = given().urlEncodingEnabled(false).auth().oauth2(viewer())
                .contentType(ModelResource.TENSOR).body(body.array())
                .post("/v1/models/" + name + ":classify?count=3&topK=4");

        answer.then().statusCode(200).body("results.size()", equalTo(3));
        for (int i = 0; i < 3; i++) {
            List<String> labels = answer.path("results[" + i + "].topK.label");
            List<Float> probabilities = answer.path("results[" + i + "].topK.probability");
            for (int k = 0; k < labels.size(); k++) {
                assertThat((double) probabilities.get(k))
                        .isCloseTo(expected.get(i)[LABELS.indexOf(labels.get(k))], offset(1e-5));
            }
        }
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType(ModelResource.TENSOR)
                .body(java.util.Arrays.copyOf(body.array(), 2 * 64 * Float.BYTES + 4))
                .post("/v1/models/" + name + ":classify?count=2").then().statusCode(400)
                .body("title", equalTo("Bad tensor"));
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType(ModelResource.TENSOR)
                .body(body.array()).post("/v1/models/" + name + ":classify?count=2").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("takes samples of 64 values"));
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType(ModelResource.TENSOR)
                .body(body.array()).post("/v1/models/" + name + ":classify").then().statusCode(400)
                .body("title", equalTo("Bad count"));
    }

    @Test
    void refusedVersionsLeaveThePreviousOneServing() {
        String name = unique("refuse");
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 13);
        publish(name, 1, model, model.onnx(), true);
        awaitServed(name, 1);

        byte[] garbage = "this is not an onnx model".getBytes();
        refusedWith(name, 2, model, garbage, garbage, "corrupt");
        byte[] otherModel = TinyClassifiers.Linear.random(1, 8, 8, 4, 99).onnx();
        refusedWith(name, 3, model, otherModel, model.onnx(), "checksum");
        byte[] threeClasses = TinyClassifiers.Linear.random(1, 8, 8, 3, 98).onnx();
        refusedWith(name, 4, model, threeClasses, threeClasses, "shape");

        classify(name, TestImages.grayPng(8, 8, 4), "image/png", "").then().statusCode(200)
                .body("version", equalTo(1));
    }

    private void refusedWith(String name, int version, TinyClassifiers.Linear shape, byte[] onnx, byte[] shaOf,
                             String reason) {
        String failures = "ocellus_serving_model_load_failures_total";
        String label = "model=\"" + name + "\"";
        double before = PrometheusText.sum(metrics(), failures, label);
        TinyClassifiers.register(store, name, version, shape, onnx, shaOf, LABELS, 0.99, true);
        KafkaProbe.send(Topics.MODELS_PROMOTED, name, EventSerde.instance().serialize(ModelPromoted.of(name,
                version, version - 1, PromotionCause.MANUAL, "test", Instant.now())));
        await().atMost(SOON).until(() -> PrometheusText.sum(metrics(), failures, label) > before);
        assertThat(PrometheusText.sum(metrics(), failures, "reason=\"" + reason + "\"")).isPositive();
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).get("/v1/models/" + name).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void hotSwapUnderSixteenClientsFailsNoRequest() throws Exception {
        String name = unique("swap");
        TinyClassifiers.Linear first = TinyClassifiers.Linear.random(1, 8, 8, 4, 21);
        TinyClassifiers.Linear second = TinyClassifiers.Linear.random(1, 8, 8, 4, 22);
        publish(name, 1, first, first.onnx(), true);
        awaitServed(name, 1);
        byte[] png = TestImages.grayPng(8, 8, 5);
        String token = viewer();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger sawSecond = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            running.add(clients.submit(() -> {
                boolean seen = false;
                while (!stop.get()) {
                    Response r = given().urlEncodingEnabled(false).auth().oauth2(token).contentType("image/png").body(png)
                            .post("/v1/models/" + name + ":classify");
                    requests.incrementAndGet();
                    if (r.statusCode() != 200) {
                        failures.incrementAndGet();
                    } else if (!seen && r.<Integer>path("version") == 2) {
                        seen = true;
                        sawSecond.incrementAndGet();
                    }
                }
            }));
        }
        await().atMost(SOON).until(() -> requests.get() > 64);
        publish(name, 2, second, second.onnx(), true);
        await().atMost(SOON).until(() -> sawSecond.get() == 16);
        int atSwap = requests.get();
        await().atMost(SOON).until(() -> requests.get() > atSwap + 64);
        stop.set(true);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        assertThat(failures.get()).as("failed requests out of %d", requests.get()).isZero();
        assertThat(sawSecond.get()).isEqualTo(16);
    }

    @Test
    void anImageAnnouncedTwiceIsClassifiedOncePerVersion() {
        String name = unique("kafka");
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 31);
        publish(name, 1, model, model.onnx(), true);
        awaitServed(name, 1);
        byte[] png = TestImages.grayPng(8, 8, 77);
        String imageId = TinyClassifiers.sha256(png);
        store.put(Buckets.IMAGES, ContentKeys.forImage(imageId), png, "image/png");
        byte[] event = EventSerde.instance().serialize(ImageIngested.of(imageId, Buckets.IMAGES,
                ContentKeys.forImage(imageId), "image/png", png.length, 8, 8, 1, null, null, null,
                Set.of(Task.CLASSIFY), Instant.now()));
        double before = repeats();

        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, event);
        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, event);

        // the second announcement is skipped by every served model that answered the first, ours among them, or,
        // when both came in one poll, its result is left out of the transaction
        await().atMost(SOON).until(() -> repeats() >= before + 1);
        List<ImageClassified> ours = KafkaProbe.readAll(Topics.CLASSIFICATIONS).stream()
                .filter(r -> imageId.equals(r.key()))
                .map(r -> EventSerde.instance().deserialize(r.value(), ImageClassified.class))
                .filter(c -> c.modelName().equals(name)).toList();
        assertThat(ours).singleElement().satisfies(c -> {
            assertThat(c.modelVersion()).isEqualTo(1);
            assertThat(c.topK()).hasSize(4);
            float[] x = new float[64];
            new Preprocessor(1, Preprocessor.unitScale(8, 8)).apply(png, x, 0);
            double[] expected = model.expected(x);
            assertThat(c.topK().get(0).probability()).isCloseTo(
                    java.util.Arrays.stream(expected).max().orElseThrow(), offset(1e-5));
        });
    }

    @Test
    void anEnsembleAnswersTheMeanOfItsMembers() {
        TinyClassifiers.Linear a = TinyClassifiers.Linear.random(1, 8, 8, 4, 41);
        TinyClassifiers.Linear b = TinyClassifiers.Linear.random(1, 8, 8, 4, 42);
        publish("ens-a", 1, a, a.onnx(), true);
        publish("ens-b", 1, b, b.onnx(), true);
        awaitServed("ens-a", 1);
        awaitServed("ens-b", 1);
        byte[] png = TestImages.grayPng(8, 8, 9);

        double[] mean = new double[4];
        for (String member : List.of("ens-a", "ens-b")) {
            Response r = classify(member, png, "image/png", "?topK=4");
            List<String> labels = r.path("results[0].topK.label");
            List<Float> p = r.path("results[0].topK.probability");
            for (int i = 0; i < 4; i++) {
                mean[LABELS.indexOf(labels.get(i))] += p.get(i) / 2.0;
            }
        }
        Response committee = classify("committee", png, "image/png", "?topK=4");

        committee.then().statusCode(200).body("members.model", equalTo(List.of("ens-a", "ens-b")));
        List<String> labels = committee.path("results[0].topK.label");
        List<Float> p = committee.path("results[0].topK.probability");
        for (int i = 0; i < 4; i++) {
            assertThat((double) p.get(i)).isCloseTo(mean[LABELS.indexOf(labels.get(i))], offset(1e-6));
        }
    }

    @Test
    void badRequestsGetTheirProblem() {
        String name = unique("bad");
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 51);
        publish(name, 1, model, model.onnx(), true);
        awaitServed(name, 1);
        String notCurrent = unique("waiting");
        TinyClassifiers.register(store, notCurrent, 1, model, model.onnx(), model.onnx(), LABELS, 0.5, false);
        byte[] png = TestImages.grayPng(8, 8, 6);
        byte[] truncated = java.util.Arrays.copyOf(TestImages.grayPng(64, 64, 7), 120);

        classify(name, "not an image".getBytes(), "image/png", "").then().statusCode(415)
                .body("type", equalTo("https://ocellus.io/problems/not-an-image"));
        classify(name, truncated, "image/png", "").then().statusCode(400)
                .body("type", equalTo("https://ocellus.io/problems/corrupt-image"));
        classify(name, TestImages.grayPng(8, 8, 8), "image/gif", "").then().statusCode(415);
        classify(name, new byte[1_100_000], "image/png", "").then().statusCode(413);
        classify(name, png, "image/png", "?topK=0").then().statusCode(400);
        classify("no-such-model", png, "image/png", "").then().statusCode(404)
                .body("detail", equalTo("no model named no-such-model and no ensemble of that name"));
        classify(notCurrent, png, "image/png", "").then().statusCode(503)
                .body("detail", equalTo("model " + notCurrent + " has no current version loaded yet"));
        given().urlEncodingEnabled(false).contentType("image/png").body(png).post("/v1/models/" + name + ":classify").then().statusCode(401);
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).multiPart("other", "x", "y".getBytes())
                .post("/v1/models/" + name + ":classify").then().statusCode(400);
    }

    /** Stores and registers a version and announces it, as the trainer does. */
    private void publish(String name, int version, TinyClassifiers.Linear model, byte[] onnx, boolean current) {
        ModelPublished published = TinyClassifiers.register(store, name, version, model, onnx, onnx, LABELS, 0.9,
                current);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, name, EventSerde.instance().serialize(published));
    }

    private static void awaitServed(String name, int version) {
        await().atMost(SOON).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = given().urlEncodingEnabled(false).auth().oauth2(viewer()).get("/v1/models/" + name);
            return r.statusCode() == 200 && r.<Integer>path("version") == version;
        });
    }

    private static Response classify(String name, byte[] body, String contentType, String query) {
        return given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType(contentType).body(body)
                .post("/v1/models/" + name + ":classify" + query);
    }

    private static String metrics() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static String viewer() {
        return TestTokens.token("vera", "viewer");
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }


    /** Results not published again: skipped before classifying, or dropped from a transaction. */
    private static double repeats() {
        String metrics = metrics();
        return PrometheusText.sum(metrics, "ocellus_inference_images_skipped_total", "reason=\"already_classified\"")
                + PrometheusText.sum(metrics, "ocellus_stream_results_repeated_total");
    }
}
