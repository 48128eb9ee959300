package io.ocellus.stack;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orientation case study on the running stack, as a user runs it: {@code ./ocellus import orientation} turns a
 * data set in the store four ways, {@code ./ocellus train} trains an orientation classifier on it by feature
 * extraction from a published model, and {@code ./ocellus orient FILE} sets an image upright with it through
 * inference-service's {@code POST /v1/orient}.
 */
final class OrientationDrill {

    private static final Pattern TURNED = Pattern.compile("was turned (0|90|180|270) degrees clockwise");

    private final StackLayout layout;
    private final BrokerDrill.Cli ocellus;
    private final Path work;

    OrientationDrill(StackLayout layout, BrokerDrill.Cli ocellus, Path work) {
        this.layout = layout;
        this.ocellus = ocellus;
        this.work = work;
    }

    /** {@code dataset} has images in the store; {@code base} is a model published from a 16x16 valid-padding LeNet. */
    void run(String dataset, String base, String viewer) throws Exception {
        String state = layout.stateDir().toString();
        String turned = dataset + "-orientation";
        LocalStackEndToEndTest.Result imported = ocellus.run(Duration.ofMinutes(2), "import", "orientation",
                dataset, "--state-dir", state);
        assertThat(imported.exit()).as("./ocellus import orientation: %s%s", imported.stdout(), imported.stderr())
                .isZero();
        // the unturned copy of an image may be the very bytes the store holds: a duplicate, its membership recorded
        Matcher accepted = Pattern.compile("accepted +(\\d+)").matcher(imported.stdout());
        Matcher duplicates = Pattern.compile("duplicates +(\\d+)").matcher(imported.stdout());
        assertThat(accepted.find() && duplicates.find()).as(imported.stdout()).isTrue();
        assertThat(Integer.parseInt(accepted.group(1)) + Integer.parseInt(duplicates.group(1)))
                .as("each image four times").isEqualTo(24);
        assertThat(imported.stdout()).containsPattern("rejected +0");

        String model = "orientation-" + dataset;
        Path config = work.resolve("orientation.yaml");
        Files.writeString(config, String.join("\n",
                "dataset: " + turned,
                "modelName: " + model,
                "architecture: lenet",
                "inputShape: {channels: 1, height: 16, width: 16}",
                "network: {padding: valid}",
                "hyperParameters: {epochs: 5, batchSize: 8, optimizer: adam, learningRate: 0.01, seed: 1}",
                "transfer: {method: feature-extraction, baseModel: " + base + "}",
                ""));
        LocalStackEndToEndTest.Result trained = ocellus.run(Duration.ofMinutes(3), "train", config.toString(),
                "--state-dir", state);
        assertThat(trained.exit()).as("./ocellus train: %s%s", trained.stdout(), trained.stderr()).isZero();
        assertThat(trained.stdout()).contains("COMPLETED").contains("model: " + model + " version 1");

        String inference = StackState.read(layout).orElseThrow().component("inference-service").orElseThrow().url();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (http.send(HttpRequest.newBuilder(URI.create(inference + "/v1/models/" + model))
                        .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() != 200) {
            assertThat(System.nanoTime()).as("inference-service serves " + model).isLessThan(deadline);
            Thread.sleep(200);
        }

        // wider than high, so that a quarter turn shows in the answer's size
        Path image = work.resolve("sideways.png");
        BufferedImage sent = new BufferedImage(24, 12, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random random = new java.util.Random(5);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 24; x++) {
                sent.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        ImageIO.write(sent, "png", image.toFile());
        LocalStackEndToEndTest.Result oriented = ocellus.run(Duration.ofMinutes(1), "orient", image.toString(),
                "--model", model, "--state-dir", state);
        assertThat(oriented.exit()).as("./ocellus orient: %s%s", oriented.stdout(), oriented.stderr()).isZero();
        Matcher angle = TURNED.matcher(oriented.stdout());
        assertThat(angle.find()).as(oriented.stdout()).isTrue();
        BufferedImage upright = ImageIO.read(work.resolve("sideways-upright.png").toFile());
        boolean quarter = angle.group(1).equals("90") || angle.group(1).equals("270");
        assertThat(upright.getWidth()).isEqualTo(quarter ? sent.getHeight() : sent.getWidth());
        assertThat(upright.getHeight()).isEqualTo(quarter ? sent.getWidth() : sent.getHeight());
    }
}
