package io.ocellus.inference;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.serving.arithmetic.ServingArithmetic;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.ocellus.teststack.TestTokens;
import io.ocellus.teststack.TinyClassifiers;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.onnx.OnnxSelfTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * ONNX Runtime's arithmetic self-test in the running service: it passed before anything was served, and when
 * a result is made wrong on purpose the service is not ready, says why, and serves no model until it passes.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ServingArithmeticTest {

    private static final String CONV = "Conv 20->50 5x5 pad 2";
    private static final String RUNTIME = "runtime=\"onnxruntime\"";

    @Inject
    ServingArithmetic arithmetic;

    @Inject
    ObjectStore store;

    @AfterEach
    void rightAgain() {
        assertThat(arithmetic.verify(new OnnxSelfTest(1)).passed()).isTrue();
    }

    @Test
    void theSelfTestPassedAtStartAndShowsInHealthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Arithmetic self-test' }.status", equalTo("UP"))
                .body(containsString("ONNX Runtime"));
        String metrics = metrics();
        assertThat(PrometheusText.sum(metrics, "ocellus_selftest_passed", RUNTIME)).isEqualTo(1);
        assertThat(PrometheusText.sum(metrics, "ocellus_selftest_duration_seconds_count", RUNTIME,
                "outcome=\"passed\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void wrongArithmeticMakesTheServiceNotReadyAndServeNothing() {
        String name = "arithmetic-" + System.nanoTime();
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 2, 5);
        publish(name, model);
        awaitStatus(name, 200);

        ArithmeticReport report = arithmetic.verify(new OnnxSelfTest(1, (operator, values) -> {
            if (operator.equals(CONV)) {
                values[0] -= 0.1f;
            }
            return values;
        }));

        assertThat(report.passed()).isFalse();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Arithmetic self-test' }.status", equalTo("DOWN"))
                .body(containsString(CONV + " on 2x50x14x14")).body(containsString("No ONNX Runtime setting"));
        assertThat(PrometheusText.sum(metrics(), "ocellus_selftest_passed", RUNTIME)).isZero();
        byte[] png = TestImages.encode(TestImages.random(8, 8, BufferedImage.TYPE_BYTE_GRAY, 1), "png");
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType("image/png").body(png)
                .post("/v1/models/" + name + ":classify").then().statusCode(503)
                .body("detail", containsString("nothing is served: arithmetic self-test of ONNX Runtime"))
                .body("detail", containsString(CONV));

        assertThat(arithmetic.verify(new OnnxSelfTest(1)).passed()).isTrue();
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType("image/png").body(png)
                .post("/v1/models/" + name + ":classify").then().statusCode(200);
    }

    private void publish(String name, TinyClassifiers.Linear model) {
        byte[] onnx = model.onnx();
        ModelPublished published = TinyClassifiers.register(store, name, 1, model, onnx, onnx,
                List.of("zero", "one"), 0.9, true);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, name, EventSerde.instance().serialize(published));
    }

    private static void awaitStatus(String name, int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = given().urlEncodingEnabled(false).auth().oauth2(viewer()).get("/v1/models/" + name);
            return r.statusCode() == status;
        });
    }

    private static String metrics() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static String viewer() {
        return TestTokens.token("vera", "viewer");
    }
}
