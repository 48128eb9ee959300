package io.ocellus.ingest;

import io.ocellus.teststack.FlatPng;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Decoded images are measured against the service's memory budget (192 MiB here, half of a 384 MiB heap) from
 * their header, before any pixel is decoded: what could exhaust the heap is refused, what fits is taken, and the
 * service stays ready either way.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageMemoryBudgetTest {

    @Test
    void anImageJustUnderTheBudgetIsTakenAndOneAboveItIsRefusedBeforeDecoding() {
        // 6300x6300 RGBA: 159 MB decoded at 8 bits a sample, 318 MB at 16
        byte[] under = FlatPng.of(6300, 6300, 8, FlatPng.RGBA);
        byte[] over = FlatPng.of(6300, 6300, 16, FlatPng.RGBA);

        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(over)
                .post("/v1/images").then().statusCode(413)
                .body("type", containsString("image-too-large-to-decode"))
                .body("detail", containsString("MiB"));
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(under)
                .post("/v1/images").then().statusCode(201)
                .body("width", equalTo(6300)).body("channels", equalTo(4));

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
