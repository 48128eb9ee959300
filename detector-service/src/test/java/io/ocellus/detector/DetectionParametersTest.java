package io.ocellus.detector;

import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Parameters that are wrong whatever the model are refused with 400 before the model is looked up: the answer does
 * not depend on whether a model is served. Runs before any model is registered.
 */
@QuarkusTest
@Order(1)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class DetectionParametersTest {

    @Test
    void badParametersAre400EvenWithNoModelServed() throws Exception {
        byte[] png = DetectionTest.scene(64, 64, new int[][]{});

        detect(png, "?scale=0.5").then().statusCode(400).body("detail", equalTo("scale must be > 1, got 0.5"));
        detect(png, "?scale=1.0").then().statusCode(400).body("detail", equalTo("scale must be > 1, got 1.0"));
        detect(png, "?step=0").then().statusCode(400).body("detail", equalTo("step must be >= 1, got 0"));
        detect(png, "?minScore=2").then().statusCode(400).body("detail", equalTo("minScore must be in [0, 1], got 2.0"));
        detect(png, "?nmsIou=NaN").then().statusCode(400);
        detect(png, "?window=0").then().statusCode(400);
        detect(png, "?model=nothing-here").then().statusCode(400).body("detail", equalTo("no model named nothing-here"));
    }

    private static io.restassured.response.Response detect(byte[] png, String query) {
        return given().auth().oauth2(TestTokens.token("dora", "viewer")).contentType("image/png").body(png)
                .post("/v1/detect" + query);
    }
}
