package io.ocellus.inference;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.inference.endpoint.OrientResource;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.ocellus.teststack.TinyClassifiers;
import io.ocellus.vision.Orientation;
import io.ocellus.vision.Preprocessor;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * POST /v1/orient: the orientation model's best angle decides how the image is turned back, and the answer is that
 * image with the angle, the correction and the score in headers. A model whose labels are not angles, a model that
 * is not served and a request without a token get problem responses.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OrientResourceTest {

    private static final List<String> ANGLES = List.of("0", "90", "180", "270");

    @Inject
    ObjectStore store;

    @Test
    void theImageComesBackTurnedByTheAngleTheModelFound() throws Exception {
        String name = "orientation-" + System.nanoTime();
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 21);
        publish(name, model, ANGLES);
        for (int seed = 1; seed <= 4; seed++) {
            BufferedImage sent = TestImages.random(12, 7, BufferedImage.TYPE_BYTE_GRAY, seed);
            byte[] png = TestImages.encode(sent, "png");
            float[] x = new float[64];
            new Preprocessor(1, Preprocessor.unitScale(8, 8)).apply(png, x, 0);
            double[] expected = model.expected(x);
            int best = 0;
            for (int k = 1; k < expected.length; k++) {
                best = expected[k] > expected[best] ? k : best;
            }
            int angle = Integer.parseInt(ANGLES.get(best));

            Response answer = orient(png, "?model=" + name);

            answer.then().statusCode(200).contentType("image/png")
                    .header(OrientResource.ANGLE, String.valueOf(angle))
                    .header(OrientResource.CORRECTION, String.valueOf((360 - angle) % 360))
                    .header(OrientResource.MODEL, name + ":1");
            assertThat(Double.parseDouble(answer.header(OrientResource.SCORE))).isCloseTo(expected[best],
                    org.assertj.core.api.Assertions.within(1e-4));
            BufferedImage upright = ImageIO.read(new ByteArrayInputStream(answer.asByteArray()));
            assertThat(pixels(upright)).as("turned back by %d degrees", angle)
                    .isEqualTo(pixels(Orientation.corrected(sent, angle)));
        }
    }

    @Test
    void aModelThatIsNotAboutAnglesOrNotServedOrNoTokenGetsAProblem() throws Exception {
        String animals = "animals-" + System.nanoTime();
        TinyClassifiers.Linear model = TinyClassifiers.Linear.random(1, 8, 8, 4, 22);
        publish(animals, model, List.of("cat", "dog", "owl", "eel"));
        byte[] png = TestImages.encode(TestImages.random(8, 8, BufferedImage.TYPE_BYTE_GRAY, 9), "png");
        orient(png, "?model=" + animals).then().statusCode(422)
                .body("detail", containsString("is not an orientation label"));
        orient(png, "?model=nothing-" + System.nanoTime()).then().statusCode(404)
                .body("detail", containsString("orientation"));
        orient("not an image".getBytes(), "?model=" + animals).then().statusCode(415);
        given().contentType("image/png").body(png).post("/v1/orient").then().statusCode(401);
    }

    private void publish(String name, TinyClassifiers.Linear model, List<String> labels) {
        byte[] onnx = model.onnx();
        ModelPublished published = TinyClassifiers.register(store, name, 1, model, onnx, onnx, labels, 0.9, true);
        KafkaProbe.send(Topics.MODELS_PUBLISHED, name, EventSerde.instance().serialize(published));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> given()
                .urlEncodingEnabled(false).auth().oauth2(viewer()).get("/v1/models/" + name).statusCode() == 200);
    }

    private static Response orient(byte[] body, String query) {
        return given().urlEncodingEnabled(false).auth().oauth2(viewer()).contentType("image/png").body(body)
                .post("/v1/orient" + query);
    }

    private static int[][] pixels(BufferedImage image) {
        int[][] rows = new int[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                rows[y][x] = image.getRaster().getSample(x, y, 0);
            }
        }
        return rows;
    }

    private static String viewer() {
        return TestTokens.token("vera", "viewer");
    }
}
