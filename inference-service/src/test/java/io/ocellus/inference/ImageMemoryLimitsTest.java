package io.ocellus.inference;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.teststack.FlatPng;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.ocellus.teststack.TinyClassifiers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Requests whose images would exhaust a 384 MiB heap (192 MiB for images here) are refused with 413 from the
 * images' headers, before decoding; an image just under the budget is classified; the service stays ready.
 */
@QuarkusTest
@Order(4)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageMemoryLimitsTest {

    @Inject
    ObjectStore store;

    @Test
    void imagesThatWouldExhaustTheHeapAreRefusedAndOneJustUnderIsClassified() {
        String name = "budget-" + System.nanoTime();
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 61);
        ModelPublished published = TinyClassifiers.register(store, name, 1, model, model.onnx(), model.onnx(),
                List.of("a", "b", "c", "d"), 0.9, true);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, name, EventSerde.instance().serialize(published));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().urlEncodingEnabled(false).auth().oauth2(viewer())
                .get("/v1/models/" + name).statusCode() == 200);
        // a flat 40 MP RGB PNG is about 120 KB on the wire, 120 MB decoded and 160 MB more as its ARGB copy
        byte[] flat = FlatPng.of(6300, 6300, 8, FlatPng.RGB);

        for (int i = 0; i < 3; i++) {
            given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType("image/png").body(flat)
                    .post("/v1/models/" + name + ":classify").then().statusCode(413)
                    .body("type", containsString("image-too-large-to-decode"));
        }
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).multiPart("file", "a.png", flat, "image/png")
                .multiPart("file", "b.png", flat, "image/png")
                .post("/v1/models/" + name + ":classify").then().statusCode(413)
                .body("detail", containsString("a.png"));

        // 6000x6000 gray: 36 MB decoded plus 144 MB of working copy, under the 192 MiB budget
        given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType("image/png").body(FlatPng.of(6000, 6000, 8, FlatPng.GRAY))
                .post("/v1/models/" + name + ":classify").then().statusCode(200)
                .body("results[0].topK", hasSize(4));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String viewer() {
        return TestTokens.token("vera", "viewer");
    }
}
