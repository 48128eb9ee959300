package io.ocellus.ingest;

import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * With the object store and Kafka out of reach, an upload fails with 503 and the reason, never a 2xx without the
 * image stored and its event acknowledged, and readiness says DOWN.
 */
@QuarkusTest
@TestProfile(UnavailableBackendsTest.NothingListening.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class UnavailableBackendsTest {

    /** Both addresses point at a port nobody listens on. */
    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ocellus.s3.endpoint", "http://127.0.0.1:9", "kafka.bootstrap.servers", "127.0.0.1:9",
                    "ocellus.kafka.ack-timeout", "2s");
        }
    }

    @Test
    void uploadFailsWithServiceUnavailableAndItsReason() {
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(TestImages.png(8, 8))
                .post("/v1/images")
                .then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("type", endsWith("/object-store-unavailable"))
                .body("detail", containsString("object store"));
    }

    @Test
    void readinessIsDown() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
