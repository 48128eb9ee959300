package io.ocellus.ingest;

import io.ocellus.schema.Topics;
import io.ocellus.teststack.FlatPng;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Every kind of bad upload gets its own status and reason as a problem response, and never an event. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class MalformedUploadTest {

    static Stream<Arguments> malformedUploads() {
        byte[] png = TestImages.png(32, 32);
        byte[] jpeg = TestImages.random("jpeg", BufferedImage.TYPE_INT_RGB, 64, 64);
        byte[] bmp = TestImages.random("bmp", BufferedImage.TYPE_INT_RGB, 32, 32);
        byte[] gif = TestImages.random("gif", BufferedImage.TYPE_INT_RGB, 16, 16);
        byte[] tiff = TestImages.random("tiff", BufferedImage.TYPE_INT_RGB, 16, 16);
        byte[] corruptPng = png.clone();
        for (int i = 60; i < corruptPng.length - 20; i++) {
            corruptPng[i] = (byte) ~corruptPng[i];
        }
        byte[] noise = new byte[4096];
        ThreadLocalRandom.current().nextBytes(noise);
        byte[] webp = "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> none = Map.of();
        return Stream.of(
                Arguments.of("text declared as PNG", text("hello"), "image/png", none, 415, "not-an-image"),
                Arguments.of("random bytes declared as GIF", noise, "image/gif", none, 415, "not-an-image"),
                Arguments.of("text/plain content type", text("hello"), "text/plain", none, 415,
                        "unsupported-media-type"),
                Arguments.of("no content type", png, "application/octet-stream", none, 415,
                        "unsupported-media-type"),
                Arguments.of("WebP is not accepted", webp, "image/webp", none, 415, "unsupported-media-type"),
                Arguments.of("TIFF is not accepted", tiff, "image/tiff", none, 415, "unsupported-media-type"),
                Arguments.of("TIFF bytes declared as PNG", tiff, "image/png", none, 415, "unsupported-format"),
                Arguments.of("PNG declared as JPEG", png, "image/jpeg", none, 415, "type-mismatch"),
                Arguments.of("GIF declared as PNG", gif, "image/png", none, 415, "type-mismatch"),
                Arguments.of("empty body", new byte[0], "image/png", none, 400, "empty-upload"),
                Arguments.of("truncated JPEG", Arrays.copyOf(jpeg, jpeg.length / 3), "image/jpeg", none, 400,
                        "corrupt-image"),
                Arguments.of("truncated PNG", Arrays.copyOf(png, png.length / 2), "image/png", none, 400,
                        "corrupt-image"),
                Arguments.of("PNG with corrupt pixel data", corruptPng, "image/png", none, 400, "corrupt-image"),
                Arguments.of("truncated BMP", Arrays.copyOf(bmp, bmp.length / 2), "image/bmp", none, 400,
                        "corrupt-image"),
                Arguments.of("PNG whose IHDR CRC is wrong", FlatPng.withWrongHeaderCrc(FlatPng.of(32, 32, 8,
                        FlatPng.GRAY)), "image/png", none, 400, "corrupt-image"),
                Arguments.of("40 MP 16-bit RGBA PNG, above the memory budget", FlatPng.of(6300, 6300, 16,
                        FlatPng.RGBA), "image/png", none, 413, "image-too-large-to-decode"),
                Arguments.of("header announcing 100000x100000 pixels", TestImages.pngHeaderOnly(100_000, 100_000),
                        "image/png", none, 413, "too-many-pixels"),
                Arguments.of("body above the image size limit", new byte[33_554_433], "image/png", none, 413,
                        "image-too-large"),
                Arguments.of("unknown split", png, "image/png",
                        Map.of("dataset", "d", "label", "cat", "split", "holdout"), 400, "unknown-split"),
                Arguments.of("label climbing out with ..", png, "image/png",
                        Map.of("dataset", "d", "label", ".."), 400, "unsafe-label"),
                Arguments.of("label with a slash", png, "image/png",
                        Map.of("dataset", "d", "label", "cats/dogs"), 400, "unsafe-label"),
                Arguments.of("dataset with a space", png, "image/png",
                        Map.of("dataset", "my set", "label", "cat"), 400, "unsafe-dataset"),
                Arguments.of("dataset starting with a dot", png, "image/png",
                        Map.of("dataset", ".hidden", "label", "cat"), 400, "unsafe-dataset"),
                Arguments.of("label without a dataset", png, "image/png", Map.of("label", "cat"), 400,
                        "dataset-required"),
                Arguments.of("dataset without a label", png, "image/png", Map.of("dataset", "d"), 400,
                        "label-required"),
                Arguments.of("unknown task", png, "image/png", Map.of("tasks", "classify,fly"), 400,
                        "unknown-task"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUploads")
    void isRefusedWithItsReasonAndNoEvent(String name, byte[] body, String contentType, Map<String, String> query,
                                          int status, String problemType) {
        long eventsBefore = KafkaProbe.count(Topics.IMAGES_INGESTED);

        RequestSpecification request = given().auth().oauth2(TestTokens.uploader()).contentType(contentType)
                .body(body);
        query.forEach(request::queryParam);
        request.post("/v1/images").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", endsWith("/" + problemType))
                .body("detail", containsString(" "));

        assertThat(KafkaProbe.count(Topics.IMAGES_INGESTED)).as("events after: " + name).isEqualTo(eventsBefore);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
