package io.ocellus.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DetectedBox;
import io.ocellus.schema.events.DetectionParams;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor page in a real headless Chromium: a job's training curve and a detection's boxes over its image are
 * drawn, and the screenshots show them (pixels of the curve and box colours inside the canvas and the card).
 * The screenshots are kept under {@code target/monitor-page/} for a person to look at.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class MonitorPageTest {

    private static final int TRAIN = 0x1f77b4;
    private static final int VALIDATION = 0xff7f0e;
    private static final int BOX = 0xe6194b;
    private static final Path SHOTS = Path.of("target", "monitor-page");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ObjectStore store;

    @Test
    void pageDrawsTheTrainingCurveAndTheDetectionBoxes() throws Exception {
        String jobId = MonitorEvents.id("page");
        Instant start = Instant.now();
        MonitorEvents.send(Topics.TRAINING_REQUESTED, jobId, MonitorEvents.request(jobId, start));
        for (int epoch = 1; epoch <= 3; epoch++) {
            MonitorEvents.send(Topics.TRAINING_PROGRESS, jobId, MonitorEvents.epoch(jobId, epoch,
                    start.plusSeconds(epoch)));
        }
        MonitorEvents.send(Topics.TRAINING_PROGRESS, jobId,
                TrainingProgress.status(jobId, TrainingStatus.COMPLETED, null, start.plusSeconds(4)));
        byte[] scene = scene();
        String imageId = ContentKeys.sha256(scene);
        store.put(Buckets.IMAGES, ContentKeys.forImage(imageId), scene, "image/png");
        MonitorEvents.send(Topics.DETECTIONS, imageId, ObjectsDetected.of(imageId, "digits", 1,
                new DetectionParams(28, 28, 4, 1.5, 28, 0.9, 0.3, false, true),
                List.of(new DetectedBox(20, 30, 70, 100, "4", 0.98), new DetectedBox(120, 40, 170, 110, "2", 0.93)),
                null, 900, 12.5, start.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> MonitorEvents.asViewer().get("/v1/jobs/" + jobId).statusCode() == 200
                && "COMPLETED".equals(MonitorEvents.asViewer().get("/v1/jobs/" + jobId).jsonPath().getString("status"))
                && MonitorEvents.asViewer().get("/v1/detections/recent").jsonPath()
                .getList("findAll { it.imageId == '" + imageId + "' }").size() == 1);

        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 1600)) {
            chromium.open(page.toString());
            chromium.awaitTrue("!document.getElementById('signin').hidden",
                    "document.getElementById('signin-reason').textContent", Duration.ofSeconds(30));
            // the token as `./ocellus up` hands it over: in the address, which the page then clears
            chromium.open(page + "?job=" + jobId + "#token=" + TestTokens.token("vera", "viewer"));
            chromium.awaitTrue("location.hash === '' && document.getElementById('signin').hidden",
                    "location.href", Duration.ofSeconds(30));
            String card = "[...document.querySelectorAll('.card')].find(c => c.dataset.key.startsWith('" + imageId
                    + "'))";
            chromium.awaitTrue("document.getElementById('curve').dataset.points === '3'"
                            + " && document.getElementById('curve-title').textContent.includes('COMPLETED')"
                            + " && !!" + card + " && " + card + ".querySelectorAll('rect').length === 2"
                            + " && " + card + ".querySelector('img').naturalWidth === 200",
                    "JSON.stringify({points: document.getElementById('curve').dataset.points, "
                            + "title: document.getElementById('curve-title').textContent, "
                            + "cards: document.querySelectorAll('.card').length})", Duration.ofSeconds(60));
            assertThat(chromium.evaluate("document.getElementById('live').textContent").asText())
                    .as("the event stream is open").isEqualTo("live");
            assertThat(chromium.evaluate("document.querySelector('#jobs li.selected').dataset.job").asText())
                    .isEqualTo(jobId);

            BufferedImage curve = region(chromium, "document.getElementById('curve')", "curve.png");
            assertThat(count(curve, TRAIN)).as("train-curve pixels in the canvas").isGreaterThan(200);
            assertThat(count(curve, VALIDATION)).as("validation-curve pixels in the canvas").isGreaterThan(200);
            BufferedImage detection = region(chromium, card, "detection.png");
            assertThat(count(detection, BOX)).as("box-outline pixels over the image").isGreaterThan(300);
            region(chromium, "document.body", "page.png");
        }
    }

    /** Screenshot of the element's box, kept under target/monitor-page/. */
    private static BufferedImage region(HeadlessChromium chromium, String element, String file) throws Exception {
        JsonNode box = chromium.evaluate("(() => { const r = " + element + ".getBoundingClientRect(); "
                + "return {x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: Math.max(r.height, "
                + element + ".scrollHeight)}; })()");
        byte[] png = chromium.screenshot(box.get("x").asDouble(), box.get("y").asDouble(), box.get("w").asDouble(),
                box.get("h").asDouble());
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(file), png);
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static long count(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A gray 200×150 scene with two dark blobs where the boxes go; no pixel of it has a box or curve colour. */
    private static byte[] scene() throws Exception {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xdddddd));
        g.fillRect(0, 0, 200, 150);
        g.setColor(new Color(0x333333));
        g.fillOval(25, 35, 40, 60);
        g.fillRect(125, 45, 40, 60);
        g.setColor(new Color((int) (Math.random() * 0x40), 0x80, 0x80));
        g.fillRect(0, 0, 2, 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
