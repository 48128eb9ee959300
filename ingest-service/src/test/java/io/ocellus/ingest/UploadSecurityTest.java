package io.ocellus.ingest;

import io.ocellus.schema.Topics;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Uploads need a bearer token with role uploader; reads need any valid token; health and metrics stay open. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class UploadSecurityTest {

    @Test
    void uploadWithoutTokenIsUnauthenticated() {
        long before = KafkaProbe.count(Topics.IMAGES_INGESTED);
        given().contentType("image/png").body(TestImages.png(8, 8)).post("/v1/images")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("type", endsWith("/unauthenticated"));
        assertThat(KafkaProbe.count(Topics.IMAGES_INGESTED)).isEqualTo(before);
    }

    @Test
    void uploadWithTheWrongRoleIsForbidden() {
        given().auth().oauth2(TestTokens.token("reader", "viewer")).contentType("image/png")
                .body(TestImages.png(8, 8)).post("/v1/images")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(TestTokens.token("reader", "viewer"))
                .multiPart("file", "a.png", TestImages.png(8, 8), "image/png")
                .post("/v1/images").then().statusCode(403);
    }

    @Test
    void forgedOrGarbageTokensAreUnauthenticated() {
        String token = TestTokens.uploader();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).contentType("image/png").body(TestImages.png(8, 8)).post("/v1/images")
                .then().statusCode(401);
        given().auth().oauth2("not-a-jwt").contentType("image/png").body(TestImages.png(8, 8)).post("/v1/images")
                .then().statusCode(401);
    }

    @Test
    void readsNeedATokenButHealthAndMetricsDoNot() {
        given().get("/v1/datasets").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("reader", "viewer")).get("/v1/datasets").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
