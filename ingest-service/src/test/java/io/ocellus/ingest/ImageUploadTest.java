package io.ocellus.ingest;

import io.ocellus.commons.storage.Buckets;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageUploadTest extends ServiceContractTest {

    @Test
    void storesImageContentAddressedAndPublishesItsEvent() throws Exception {
        byte[] png = randomImage("png", BufferedImage.TYPE_INT_RGB, 37, 23);
        String imageId = sha256(png);

        given().contentType("image/png").body(png)
                .when().post("/v1/images")
                .then().statusCode(201)
                .body("imageId", equalTo(imageId))
                .body("objectKey", equalTo("sha256/" + imageId.substring(0, 2) + "/" + imageId))
                .body("width", equalTo(37)).body("height", equalTo(23)).body("channels", equalTo(3))
                .body("duplicate", equalTo(false));

        assertThat(store.get(Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/" + imageId)).isEqualTo(png);
        ConsumerRecord<String, byte[]> record = KafkaProbe.await(Topics.IMAGES_INGESTED,
                r -> imageId.equals(r.key()), Duration.ofSeconds(30)).orElseThrow();
        ImageIngested event = EventSerde.instance().deserialize(record.value(), ImageIngested.class);
        assertThat(event.imageId()).isEqualTo(imageId);
        assertThat(event.contentType()).isEqualTo("image/png");
        assertThat(event.size()).isEqualTo(png.length);
        assertThat(event.width()).isEqualTo(37);
        assertThat(event.height()).isEqualTo(23);
    }

    @Test
    void sameBytesTwiceAreOneObjectReportedAsDuplicate() throws Exception {
        byte[] gray = randomImage("png", BufferedImage.TYPE_BYTE_GRAY, 16, 16);
        given().contentType("image/png").body(gray).post("/v1/images").then().statusCode(201);
        given().contentType("image/png").body(gray).post("/v1/images").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("channels", equalTo(1));
    }

    @Test
    void bytesThatAreNotAnImageGetAProblemAndNoEvent() {
        int before = KafkaProbe.readAll(Topics.IMAGES_INGESTED).size();

        given().contentType("image/png").body("this is not an image".getBytes())
                .when().post("/v1/images")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415))
                .body("detail", containsString("not an image"));

        assertThat(KafkaProbe.readAll(Topics.IMAGES_INGESTED)).hasSize(before);
    }

    @Test
    void declaredTypeMustMatchTheBytes() throws Exception {
        byte[] png = randomImage("png", BufferedImage.TYPE_INT_RGB, 8, 8);
        given().contentType("image/jpeg").body(png).post("/v1/images")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("bytes are image/png"));
    }

    @Test
    void nonImageContentTypeIsUnsupported() {
        given().contentType("text/plain").body("hello").post("/v1/images")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("text/plain"));
    }

    @Test
    void truncatedImageIsRejectedAsCorrupt() throws Exception {
        byte[] jpeg = randomImage("jpeg", BufferedImage.TYPE_INT_RGB, 64, 64);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);
        given().contentType("image/jpeg").body(truncated).post("/v1/images")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("corrupt-image"));
    }

    static byte[] randomImage(String format, int type, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
