package io.ocellus.detector;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.detector.domain.AnnotationExpiry;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.ocellus.teststack.TestTokens;
import io.ocellus.teststack.TinyClassifiers;
import io.ocellus.vision.detect.SlidingWindowDetector;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * A real ONNX model that recognises a framed bright square (background / square), registered as the detector's
 * model, searching scenes through the real store and broker.
 */
@QuarkusTest
@Order(2)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class DetectionTest {

    private static final String MODEL = "squares";
    private static final List<String> LABELS = List.of("background", "square");
    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    @Inject
    AnnotationExpiry expiry;

    @BeforeEach
    void serveTheSquareModel() {
        if (given().get("/q/metrics").asString().contains("ocellus_serving_model_loads_total{model=\"" + MODEL)) {
            return;
        }
        TinyClassifiers.Linear model = framingModel();
        byte[] onnx = model.onnx();
        ModelPublished published = TinyClassifiers.register(store, MODEL, 1, model, onnx, onnx, LABELS, 0.99, true);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, MODEL, EventSerde.instance().serialize(published));
        await().atMost(SOON).until(() -> PrometheusText.sum(metrics(), "ocellus_serving_model_loads_total",
                "model=\"" + MODEL + "\"") >= 1);
    }

    /**
     * p(square) = sigmoid(20 (mean of the centre 20x20 - mean of the 4-pixel ring - 0.5)): near 1 for a window that
     * frames a bright 20x20 square, 0.86 for one 4 pixels off, so the default minimum score of 0.9 keeps one.
     */
    static TinyClassifiers.Linear framingModel() {
        float[][] weights = new float[2][784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                boolean centre = x >= 4 && x < 24 && y >= 4 && y < 24;
                weights[1][y * 28 + x] = centre ? 20f / 400 : -20f / 384;
            }
        }
        return new TinyClassifiers.Linear(1, 28, 28, weights, new float[]{0, -10});
    }

    static byte[] scene(int width, int height, int[][] squares) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int[] sq : squares) {
            for (int y = sq[1]; y < sq[1] + sq[2]; y++) {
                for (int x = sq[0]; x < sq[0] + sq[2]; x++) {
                    image.getRaster().setSample(x, y, 0, 255);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void onnxRuntimePassedItsArithmeticSelfTestBeforeAnythingWasServed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Arithmetic self-test' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Arithmetic self-test' }.data.result",
                        startsWith("arithmetic self-test of ONNX Runtime"));
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(PrometheusText.sum(metrics, "ocellus_selftest_passed", "runtime=\"onnxruntime\"")).isEqualTo(1);
    }

    @Test
    void findsTheSquaresAndDrawsThem() throws Exception {
        byte[] png = scene(160, 120, new int[][]{{44, 32, 20}, {104, 64, 20}});

        Response answer = detect(png, "");

        answer.then().statusCode(200).body("modelName", equalTo(MODEL)).body("modelVersion", equalTo(1))
                .body("boxes.size()", equalTo(2)).body("params.windowWidth", equalTo(28))
                .body("params.step", equalTo(4)).body("annotatedImageKey", startsWith(ContentKeys.sha256(png) + "/"));
        List<Map<String, Object>> boxes = answer.path("boxes");
        assertThat(boxes).extracting(b -> List.of(b.get("x1"), b.get("y1"), b.get("x2"), b.get("y2")))
                .containsExactlyInAnyOrder(List.of(40, 28, 68, 56), List.of(100, 60, 128, 88));
        assertThat(boxes).allSatisfy(b -> {
            assertThat(b.get("label")).isEqualTo("square");
            assertThat(((Number) b.get("score")).doubleValue()).isGreaterThan(0.99);
        });
        long expectedWindows = SlidingWindowDetector.windows(160, 120, new SlidingWindowDetector.Settings(28, 28, 4,
                1.5, 28, 0.9, 0.3, false, false, Set.of(0), 64, 0, 20_000));
        assertThat(answer.<Integer>path("windowsEvaluated").longValue()).isEqualTo(expectedWindows);

        BufferedImage annotated = ImageIO.read(new ByteArrayInputStream(
                store.get(Buckets.DETECTIONS, answer.path("annotatedImageKey"))));
        assertThat(annotated.getWidth()).isEqualTo(160);
        int edge = annotated.getRGB(40, 45);
        int red = (edge >> 16) & 0xff;
        int green = (edge >> 8) & 0xff;
        int blue = edge & 0xff;
        assertThat(Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)))
                .as("the box edge is drawn in colour over the gray scene").isGreaterThan(50);
        assertThat(PrometheusText.sum(metrics(), "ocellus_detector_windows_evaluated_total", "model=\"squares\""))
                .isGreaterThanOrEqualTo(expectedWindows);
    }

    @Test
    void anIngestedSceneIsSearchedOncePerVersion() throws Exception {
        byte[] png = scene(120, 100, new int[][]{{24, 36, 20}, {84, 12, 20}});
        String imageId = ContentKeys.sha256(png);
        store.put(Buckets.IMAGES, ContentKeys.forImage(imageId), png, "image/png");
        byte[] event = EventSerde.instance().serialize(ImageIngested.of(imageId, Buckets.IMAGES,
                ContentKeys.forImage(imageId), "image/png", png.length, 120, 100, 1, null, null, null,
                Set.of(Task.DETECT), Instant.now()));
        String skipped = "ocellus_detector_images_skipped_total";
        double before = PrometheusText.sum(metrics(), skipped, "reason=\"already_detected\"");

        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, event);
        KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, event);

        await().atMost(SOON).until(() -> PrometheusText.sum(metrics(), skipped, "reason=\"already_detected\"")
                >= before + 1);
        List<ObjectsDetected> found = KafkaProbe.readAll(Topics.DETECTIONS).stream()
                .filter(r -> imageId.equals(r.key()))
                .map(r -> EventSerde.instance().deserialize(r.value(), ObjectsDetected.class)).toList();
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.boxes()).hasSize(2);
            assertThat(d.boxes()).extracting(b -> List.of(b.x1(), b.y1()))
                    .containsExactlyInAnyOrder(List.of(20, 32), List.of(80, 8));
            assertThat(store.exists(Buckets.DETECTIONS, d.annotatedImageKey())).isTrue();
        });
    }

    @Test
    void aSceneNamingAMissingObjectIsDeadLetteredAtOnce() {
        String imageId = ContentKeys.sha256(("absent-" + System.nanoTime()).getBytes());
        byte[] event = EventSerde.instance().serialize(ImageIngested.of(imageId, Buckets.IMAGES,
                ContentKeys.forImage(imageId), "image/png", 100, 64, 64, 1, null, null, null, Set.of(Task.DETECT),
                Instant.now()));

        var sent = KafkaProbe.send(Topics.IMAGES_INGESTED, imageId, event);

        DeadLetter letter = KafkaProbe.await(Topics.DEAD_LETTERS, r -> imageId.equals(r.key()), SOON)
                .map(r -> EventSerde.instance().deserialize(r.value(), DeadLetter.class))
                .orElseThrow(() -> new AssertionError("no dead letter for the missing scene"));
        assertThat(letter.consumerGroup()).isEqualTo(ConsumerGroups.DETECTOR);
        assertThat(letter.offset()).isEqualTo(sent.offset());
        assertThat(letter.reason()).contains("NoSuchKey");
        assertThat(letter.attempts()).isEqualTo(1);
    }

    @Test
    void annotatedImagesExpireAfterTheirTime() throws Exception {
        byte[] png = scene(96, 80, new int[][]{{30, 20, 20}});
        String key = detect(png, "").then().statusCode(200).extract().path("annotatedImageKey");

        expiry.sweep(Instant.now());
        assertThat(store.exists(Buckets.DETECTIONS, key)).as("a fresh annotation stays").isTrue();

        assertThat(expiry.sweep(Instant.now().plus(Duration.ofDays(8)))).isGreaterThanOrEqualTo(1);
        assertThat(store.exists(Buckets.DETECTIONS, key)).as("an annotation past its 7 days").isFalse();
    }

    @Test
    void badSearchesGetTheirProblem() throws Exception {
        byte[] png = scene(160, 120, new int[][]{{44, 32, 20}});
        String waiting = "waiting-" + System.nanoTime();
        TinyClassifiers.Linear model = framingModel();
        TinyClassifiers.register(store, waiting, 1, model, model.onnx(), model.onnx(), LABELS, 0.5, false);

        detect(png, "?window=200").then().statusCode(400).body("detail", startsWith("the window (200x200) is larger"));
        detect(png, "?step=0").then().statusCode(400).body("detail", equalTo("step must be >= 1, got 0"));
        detect(png, "?scale=1.0").then().statusCode(400).body("detail", equalTo("scale must be > 1, got 1.0"));
        detect(png, "?minSize=20").then().statusCode(400).body("detail", startsWith("minSize 20 is below the window"));
        detect(png, "?model=nothing-like-it").then().statusCode(400)
                .body("detail", equalTo("no model named nothing-like-it"));
        detect(png, "?labels=cat").then().statusCode(400).body("type", equalTo("https://ocellus.io/problems/unknown-labels"));
        detect(png, "?model=" + waiting).then().statusCode(503);
        detect(scene(1024, 768, new int[][]{}), "?step=1").then().statusCode(413)
                .body("type", equalTo("https://ocellus.io/problems/too-many-windows"));
        detect("not an image".getBytes(), "").then().statusCode(415);
        given().contentType("image/png").body(png).post("/v1/detect").then().statusCode(401);
    }

    private static Response detect(byte[] png, String query) {
        return given().auth().oauth2(TestTokens.token("dora", "viewer")).contentType("image/png").body(png)
                .post("/v1/detect" + query);
    }

    private static String metrics() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
