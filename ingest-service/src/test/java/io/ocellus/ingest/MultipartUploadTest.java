package io.ocellus.ingest;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class MultipartUploadTest {

    @Inject
    ObjectStore store;

    @Test
    void manyFilesLandInTheDatasetAndEachBadFileSaysWhy() {
        byte[] first = TestImages.png(10, 10);
        byte[] second = TestImages.png(11, 11);
        RequestSpecification request = given().auth().oauth2(TestTokens.uploader())
                .multiPart("dataset", "pets").multiPart("label", "cat").multiPart("split", "train")
                .multiPart("file", "a.png", first, "image/png")
                .multiPart("file", "b.png", second, "image/png")
                .multiPart("file", "again.png", first, "image/png")
                .multiPart("file", "notes.png", "not an image".getBytes(), "image/png");

        request.post("/v1/images").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("rejected", equalTo(1))
                .body("results.filename", hasItem("notes.png"))
                .body("results.find { it.filename == 'notes.png' }.status", equalTo(415))
                .body("results.find { it.filename == 'notes.png' }.problem.type", endsWith("/not-an-image"))
                .body("results.find { it.filename == 'again.png' }.image.duplicate", equalTo(true));

        assertThat(store.exists(Buckets.IMAGES, "datasets/pets/train/cat/" + TestImages.sha256(first))).isTrue();
        assertThat(store.exists(Buckets.IMAGES, "datasets/pets/train/cat/" + TestImages.sha256(second))).isTrue();
    }

    @Test
    void datasetCountsComeFromTheStore() {
        upload("zoo", "lion", "train", 3);
        upload("zoo", "tiger", "train", 2);
        upload("zoo", "lion", "test", 1);

        given().auth().oauth2(TestTokens.token("reader", "viewer")).get("/v1/datasets/zoo").then().statusCode(200)
                .body("name", equalTo("zoo")).body("images", equalTo(6))
                .body("splits.train.images", equalTo(5))
                .body("splits.train.labels.lion", equalTo(3)).body("splits.train.labels.tiger", equalTo(2))
                .body("splits.test.labels.lion", equalTo(1));
        given().auth().oauth2(TestTokens.token("reader", "viewer")).get("/v1/datasets").then().statusCode(200)
                .body("$", hasItem("zoo"));
        given().auth().oauth2(TestTokens.token("reader", "viewer")).get("/v1/datasets/no-such-set")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aFormWithoutFilesIsRefused() {
        given().auth().oauth2(TestTokens.uploader()).multiPart("dataset", "pets").multiPart("label", "cat")
                .post("/v1/images").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/no-files"));
    }

    /**
     * The part count is bounded while the form is read, not after every part was spooled: one file above the limit is
     * refused by the service's own count, a form far above it by the form reader, both with 413.
     */
    @Test
    void formsWithTooManyFilesAre413() {
        byte[] tiny = TestImages.png(2, 2);
        for (int files : new int[]{1001, 1500}) {
            RequestSpecification request = given().auth().oauth2(TestTokens.uploader()).multiPart("tasks", "classify");
            for (int i = 0; i < files; i++) {
                request.multiPart("file", "f" + i + ".png", tiny, "image/png");
            }
            request.post("/v1/images").then().statusCode(413);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void upload(String dataset, String label, String split, int count) {
        RequestSpecification request = given().auth().oauth2(TestTokens.uploader())
                .multiPart("dataset", dataset).multiPart("label", label).multiPart("split", split);
        for (int i = 0; i < count; i++) {
            request.multiPart("file", label + i + ".png", TestImages.png(8, 8 + i), "image/png");
        }
        request.post("/v1/images").then().statusCode(200).body("accepted", equalTo(count));
    }
}
