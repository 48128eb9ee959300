package io.ocellus.ingest;

import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.SecuredEndpoint;
import io.ocellus.teststack.ServiceContractTest;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageUploadTest extends ServiceContractTest {

    @Test
    void storesImageContentAddressedAndPublishesItsEvent() {
        byte[] png = TestImages.png(37, 23);
        String imageId = TestImages.sha256(png);
        String key = "sha256/" + imageId.substring(0, 2) + "/" + imageId;

        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(png)
                .when().post("/v1/images")
                .then().statusCode(201)
                .header("Location", endsWith("/v1/images/" + imageId))
                .body("imageId", equalTo(imageId)).body("objectKey", equalTo(key))
                .body("width", equalTo(37)).body("height", equalTo(23)).body("channels", equalTo(3))
                .body("duplicate", equalTo(false));

        assertThat(store.get(Buckets.IMAGES, key)).isEqualTo(png);
        ImageIngested event = awaitEvent(imageId);
        assertThat(event.contentType()).isEqualTo("image/png");
        assertThat(event.size()).isEqualTo(png.length);
        assertThat(event.width()).isEqualTo(37);
        assertThat(event.height()).isEqualTo(23);
        assertThat(event.dataset()).isNull();
    }

    @Test
    void datasetLabelSplitAndTasksReachTheEventAndTheMembershipKey() {
        byte[] png = TestImages.png(12, 12);
        String imageId = TestImages.sha256(png);

        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(png)
                .queryParam("dataset", "raw-set").queryParam("label", "cat").queryParam("split", "val")
                .queryParam("tasks", "classify,detect")
                .post("/v1/images").then().statusCode(201);

        ImageIngested event = awaitEvent(imageId);
        assertThat(event.dataset()).isEqualTo("raw-set");
        assertThat(event.label()).isEqualTo("cat");
        assertThat(event.split()).isEqualTo(Split.VAL);
        assertThat(event.tasks()).containsExactlyInAnyOrder(Task.CLASSIFY, Task.DETECT);
        assertThat(store.exists(Buckets.IMAGES, "datasets/raw-set/val/cat/" + imageId)).isTrue();
    }

    @Test
    void grayAndAlphaImagesKeepTheirChannels() {
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png")
                .body(TestImages.random("png", BufferedImage.TYPE_BYTE_GRAY, 9, 9))
                .post("/v1/images").then().statusCode(201).body("channels", equalTo(1));
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png")
                .body(TestImages.random("png", BufferedImage.TYPE_INT_ARGB, 9, 9))
                .post("/v1/images").then().statusCode(201).body("channels", equalTo(4));
        given().auth().oauth2(TestTokens.uploader()).contentType("image/jpeg")
                .body(TestImages.random("jpeg", BufferedImage.TYPE_INT_RGB, 9, 9))
                .post("/v1/images").then().statusCode(201).body("channels", equalTo(3));
        given().auth().oauth2(TestTokens.uploader()).contentType("image/bmp")
                .body(TestImages.random("bmp", BufferedImage.TYPE_INT_RGB, 9, 9))
                .post("/v1/images").then().statusCode(201).body("contentType", equalTo("image/bmp"));
        given().auth().oauth2(TestTokens.uploader()).contentType("image/gif")
                .body(TestImages.random("gif", BufferedImage.TYPE_INT_RGB, 9, 9))
                .post("/v1/images").then().statusCode(201).body("contentType", equalTo("image/gif"));
    }

    @Test
    void sameBytesTwiceAreOneObjectReportedAsDuplicate() {
        byte[] png = TestImages.png(16, 16);
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(png)
                .post("/v1/images").then().statusCode(201).body("duplicate", equalTo(false));
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(png)
                .post("/v1/images").then().statusCode(200).body("duplicate", equalTo(true));
        String imageId = TestImages.sha256(png);
        assertThat(store.listKeys(Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/"))
                .filteredOn(key -> key.endsWith(imageId)).hasSize(1);
    }

    @Test
    void eightConcurrentUploadsOfTheSameBytesStoreOneObjectAndExactlyOneIsNew() throws Exception {
        byte[] png = TestImages.png(40, 30);
        String token = TestTokens.uploader();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(clients.submit(() -> given().auth().oauth2(token).contentType("image/png").body(png)
                        .post("/v1/images").then().extract().statusCode()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).containsOnly(200, 201);
            assertThat(codes).filteredOn(code -> code == 201).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        String imageId = TestImages.sha256(png);
        assertThat(store.listKeys(Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/"))
                .filteredOn(key -> key.endsWith(imageId)).hasSize(1);
        assertThat(store.get(Buckets.IMAGES, "sha256/" + imageId.substring(0, 2) + "/" + imageId)).isEqualTo(png);
    }

    @Test
    void metadataAndContentAreReadBackFromTheStore() {
        byte[] png = TestImages.png(21, 13);
        String imageId = TestImages.sha256(png);
        given().auth().oauth2(TestTokens.uploader()).contentType("image/png").body(png)
                .post("/v1/images").then().statusCode(201);

        given().auth().oauth2(TestTokens.token("reader", "viewer")).get("/v1/images/" + imageId)
                .then().statusCode(200)
                .body("imageId", equalTo(imageId)).body("contentType", equalTo("image/png"))
                .body("size", equalTo(png.length)).body("width", equalTo(21)).body("height", equalTo(13))
                .body("channels", equalTo(3));
        byte[] content = given().auth().oauth2(TestTokens.token("reader", "viewer"))
                .get("/v1/images/" + imageId + "/content")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(content).isEqualTo(png);
        given().auth().oauth2(TestTokens.uploader()).get("/v1/images/" + "0".repeat(64))
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static ImageIngested awaitEvent(String imageId) {
        ConsumerRecord<String, byte[]> record = KafkaProbe.await(Topics.IMAGES_INGESTED,
                r -> imageId.equals(r.key()), Duration.ofSeconds(30)).orElseThrow(
                () -> new AssertionError("no ImageIngested for " + imageId));
        ImageIngested event = EventSerde.instance().deserialize(record.value(), ImageIngested.class);
        assertThat(event.imageId()).isEqualTo(imageId);
        return event;
    }

    @Override
    protected List<SecuredEndpoint> securedEndpoints() {
        String image = "/v1/images/" + "0123456789abcdef".repeat(4);
        return List.of(SecuredEndpoint.post("/v1/images", "image/png", "uploader"),
                SecuredEndpoint.post("/v1/datasets/d/archive?split=train", "application/zip", "uploader"),
                SecuredEndpoint.get(image), SecuredEndpoint.get(image + "/content"),
                SecuredEndpoint.get("/v1/datasets"), SecuredEndpoint.get("/v1/datasets/d"));
    }
}
