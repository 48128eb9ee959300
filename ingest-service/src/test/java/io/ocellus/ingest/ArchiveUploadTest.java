package io.ocellus.ingest;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.PrometheusText;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Archives in every container and layout end up in the data set: objects, membership keys, counts and events. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ArchiveUploadTest {

    record Placed(byte[] bytes, Split split, String label) {
    }

    @Inject
    ObjectStore store;

    @Test
    void tarWithSplitFoldersFillsEverySplit() {
        String dataset = dataset();
        Map<String, Placed> images = new LinkedHashMap<>();
        TestArchive archive = new TestArchive().dir("train").dir("train/cat");
        add(archive, images, "train/cat/a.png", TestImages.png(12, 9), Split.TRAIN, "cat");
        add(archive, images, "train/cat/b.jpg", TestImages.random("jpeg", 16, 16), Split.TRAIN, "cat");
        add(archive, images, "train/dog/c.bmp", TestImages.random("bmp", 7, 5), Split.TRAIN, "dog");
        add(archive, images, "val/cat/d.gif", TestImages.random("gif", 10, 10), Split.VAL, "cat");
        add(archive, images, "./test/dog/e.PNG", TestImages.png(8, 8), Split.TEST, "dog");
        double before = archivesCompleted();

        upload(dataset, "application/x-tar", archive.tar(), "")
                .body("accepted", equalTo(5)).body("rejected", equalTo(0)).body("skipped", equalTo(0))
                .body("images", equalTo(5)).body("format", equalTo("tar"));

        assertInDataSet(dataset, images, Set.of());
        given().auth().oauth2(TestTokens.uploader()).get("/v1/datasets/" + dataset).then().statusCode(200)
                .body("images", equalTo(5))
                .body("splits.train.images", equalTo(3))
                .body("splits.train.labels.cat", equalTo(2)).body("splits.train.labels.dog", equalTo(1))
                .body("splits.val.labels.cat", equalTo(1)).body("splits.test.labels.dog", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> archivesCompleted() >= before + 1);
    }

    @Test
    void tarGzWithATopFolderOfLabelsTakesTheSplitAndTasksFromTheQuery() {
        String dataset = dataset();
        Map<String, Placed> images = new LinkedHashMap<>();
        TestArchive archive = new TestArchive().dir("mydata");
        add(archive, images, "mydata/cat/1.png", TestImages.png(9, 9), Split.VAL, "cat");
        add(archive, images, "mydata/cat/2.png", TestImages.png(9, 9), Split.VAL, "cat");
        add(archive, images, "mydata/dog/3.jpeg", TestImages.random("jpeg", 9, 9), Split.VAL, "dog");

        // application/octet-stream: the container is recognised from its first bytes
        upload(dataset, "application/octet-stream", archive.tarGz(), "?split=val&tasks=classify,detect")
                .body("accepted", equalTo(3)).body("format", equalTo("tar.gz"));

        assertInDataSet(dataset, images, Set.of(Task.CLASSIFY, Task.DETECT));
        given().auth().oauth2(TestTokens.uploader()).get("/v1/datasets/" + dataset).then().statusCode(200)
                .body("images", equalTo(3)).body("splits.val.labels.cat", equalTo(2))
                .body("splits.val.labels.dog", equalTo(1));
    }

    @Test
    void tarGzWithSplitFoldersUnderlabelledAsGzip() {
        String dataset = dataset();
        Map<String, Placed> images = new LinkedHashMap<>();
        TestArchive archive = new TestArchive();
        add(archive, images, "train/cat/1.png", TestImages.png(9, 9), Split.TRAIN, "cat");
        add(archive, images, "test/cat/2.png", TestImages.png(9, 9), Split.TEST, "cat");

        upload(dataset, "application/gzip", archive.tarGz(), "").body("accepted", equalTo(2));

        assertInDataSet(dataset, images, Set.of());
    }

    @Test
    void zipWithATopFolderAndSplitFolders() {
        String dataset = dataset();
        Map<String, Placed> images = new LinkedHashMap<>();
        TestArchive archive = new TestArchive().dir("mydata/").dir("mydata/train/").dir("mydata/train/cat/");
        add(archive, images, "mydata/train/cat/1.png", TestImages.png(9, 9), Split.TRAIN, "cat");
        add(archive, images, "mydata/train/bird/2.jpg", TestImages.random("jpeg", 9, 9), Split.TRAIN, "bird");
        add(archive, images, "mydata/test/cat/3.png", TestImages.png(9, 9), Split.TEST, "cat");

        upload(dataset, "application/zip", archive.zip(), "").body("accepted", equalTo(3))
                .body("format", equalTo("zip"));

        assertInDataSet(dataset, images, Set.of());
        given().auth().oauth2(TestTokens.uploader()).get("/v1/datasets/" + dataset).then().statusCode(200)
                .body("splits.train.labels.cat", equalTo(1)).body("splits.train.labels.bird", equalTo(1))
                .body("splits.test.labels.cat", equalTo(1));
    }

    @Test
    void zipOfLabelFoldersGoesToTrainByDefault() {
        String dataset = dataset();
        Map<String, Placed> images = new LinkedHashMap<>();
        TestArchive archive = new TestArchive();
        add(archive, images, "cat/1.png", TestImages.png(9, 9), Split.TRAIN, "cat");
        add(archive, images, "dog/2.gif", TestImages.random("gif", 9, 9), Split.TRAIN, "dog");

        upload(dataset, "application/octet-stream", archive.zip(), "").body("accepted", equalTo(2));

        assertInDataSet(dataset, images, Set.of());
    }

    private static void add(TestArchive archive, Map<String, Placed> images, String name, byte[] bytes, Split split,
                            String label) {
        archive.file(name, bytes);
        images.put(name, new Placed(bytes, split, label));
    }

    /** Each image's object and membership key are in the store, and its one event names data set, label, split. */
    private void assertInDataSet(String dataset, Map<String, Placed> images, Set<Task> tasks) {
        for (Placed image : images.values()) {
            String id = TestImages.sha256(image.bytes());
            assertThat(store.get(Buckets.IMAGES, "sha256/" + id.substring(0, 2) + "/" + id)).isEqualTo(image.bytes());
            assertThat(store.exists(Buckets.IMAGES, "datasets/" + dataset + "/" + image.split().value() + "/"
                    + image.label() + "/" + id)).isTrue();
        }
        List<ImageIngested> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(dataset), found -> found.size() >= images.size());
        assertThat(events).hasSize(images.size());
        Map<String, ImageIngested> byId = events.stream()
                .collect(Collectors.toMap(ImageIngested::imageId, e -> e));
        for (Placed image : images.values()) {
            ImageIngested event = byId.get(TestImages.sha256(image.bytes()));
            assertThat(event).isNotNull();
            assertThat(event.dataset()).isEqualTo(dataset);
            assertThat(event.label()).isEqualTo(image.label());
            assertThat(event.split()).isEqualTo(image.split());
            assertThat(event.tasks()).isEqualTo(tasks);
        }
    }

    static List<ImageIngested> eventsOf(String dataset) {
        return KafkaProbe.readAll(Topics.IMAGES_INGESTED).stream()
                .map(r -> EventSerde.instance().deserialize(r.value(), ImageIngested.class))
                .filter(e -> dataset.equals(e.dataset())).toList();
    }

    static ValidatableResponse upload(String dataset, String contentType, byte[] archive, String query) {
        return given().auth().oauth2(TestTokens.uploader()).contentType(contentType).body(archive)
                .when().post("/v1/datasets/" + dataset + "/archive" + query)
                .then().statusCode(200).contentType("application/json").body("dataset", equalTo(dataset));
    }

    static String dataset() {
        return "archive-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static double archivesCompleted() {
        String metrics = given().auth().oauth2(TestTokens.uploader())
                .accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("ocellus_ingest_archives_total{")
                        && l.contains("result=\"complete\""))
                .mapToDouble(l -> PrometheusText.sum(l, "ocellus_ingest_archives_total")).sum();
    }
}
