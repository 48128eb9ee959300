package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.schema.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./ocellus up} against the packaged services, on free ports and in a temporary state
 * directory (a user's own stack is not touched), pushes an image through ingest with a token from
 * {@code ./ocellus token}, imports a small folder with {@code ./ocellus import folder}, checks that uploads without a
 * token or without the uploader role are refused, and takes the stack down again.
 * Needs the service jars: {@code ./mvnw -B -DskipTests install} at the repository root builds them.
 */
class LocalStackEndToEndTest {

    private static final Path REPO = Path.of(System.getProperty(StackLayout.REPO_ROOT_PROPERTY, ".."))
            .toAbsolutePath().normalize();
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String INGESTED_COUNTER = "ocellus_images_ingested_total";

    @TempDir
    Path work;

    record Result(int exit, String stdout, String stderr) {
    }

    @Test
    void upIngestObserveDown() throws Exception {
        List<String> missing = StackComponents.SERVICES.stream()
                .filter(s -> !Files.isRegularFile(REPO.resolve(s).resolve("target/quarkus-app/quarkus-run.jar")))
                .toList();
        assertThat(missing)
                .as("service jars are missing for %s: build the services first with `./mvnw -B -DskipTests install` "
                        + "at the repository root (%s), then run this test again", missing, REPO)
                .isEmpty();
        Path stateDir = work.resolve("state");

        Result up = ocellus(UP_TIMEOUT, "up", "--state-dir", stateDir.toString(),
                "--kafka-port", "0", "--s3-port", "0", "--prometheus-port", "0", "--base-port", "0");
        StackState state = StackState.read(new StackLayout(REPO, stateDir)).orElse(null);
        try {
            assertThat(up.exit()).as("./ocellus up failed:\n%s", up.stderr()).isZero();
            assertThat(state).as("stack.json").isNotNull();
            assertThat(state.components()).extracting(StackState.Component::name)
                    .contains(StackComponents.KAFKA, StackComponents.S3)
                    .containsAll(StackComponents.SERVICES);
            assertThat(up.stdout()).contains("COMPONENT", "/q/health/ready");

            for (String service : StackComponents.SERVICES) {
                HttpResponse<String> health = get(url(state, service) + "/q/health/ready");
                assertThat(health.statusCode()).as(service + " readiness: " + health.body()).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).get("status").asText()).as(service).isEqualTo("UP");
            }
            Result status = ocellus(Duration.ofMinutes(1), "status", "--json", "--state-dir", stateDir.toString());
            assertThat(status.exit()).as(status.stdout()).isZero();
            assertThat(JSON.readTree(status.stdout()).get("components"))
                    .allMatch(c -> c.get("running").asBoolean() && c.get("ready").asBoolean());

            Path signingKey = stateDir.resolve("config/jwt/signing-key.pem");
            assertThat(stateDir.resolve("config/jwt/verify-key.pem")).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(signingKey))).isEqualTo("rw-------");
            String uploader = token(stateDir, "uploader");
            String viewer = token(stateDir, "viewer");
            assertThat(up.stderr() + up.stdout()).as("tokens are never logged").doesNotContain(uploader)
                    .doesNotContain(Files.readString(signingKey).lines().skip(1).findFirst().orElseThrow());

            String monitor = url(state, "monitor-service");
            String ingest = url(state, "ingest-service");
            double countBefore = counter(monitor);
            byte[] png = NoiseImage.png();
            String imageId = sha256(png);

            HttpResponse<String> accepted = post(ingest + "/v1/images", png, uploader);
            assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 201);
            assertThat(JSON.readTree(accepted.body()).get("imageId").asText()).isEqualTo(imageId);

            Result events = ocellus(Duration.ofMinutes(1), "events", "--max", "1", "--timeout", "30",
                    "--topic", Topics.IMAGES_INGESTED, "--state-dir", stateDir.toString());
            assertThat(events.exit()).as(events.stderr()).isZero();
            assertThat(events.stdout().lines().toList()).hasSize(1);
            assertThat(JSON.readTree(events.stdout()).get("imageId").asText()).isEqualTo(imageId);

            awaitCounter(monitor, countBefore + 1);

            byte[] notAnImage = "these bytes are not an image".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> rejected = post(ingest + "/v1/images", notAnImage, uploader);
            assertThat(rejected.statusCode()).as(rejected.body()).isBetween(400, 499);
            assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            Result after = ocellus(Duration.ofMinutes(1), "events", "--timeout", "3",
                    "--topic", Topics.IMAGES_INGESTED, "--state-dir", stateDir.toString());
            assertThat(after.stdout().lines().toList()).as("events after the rejected upload").hasSize(1);
            assertThat(counter(monitor)).isEqualTo(countBefore + 1);

            importFolder(stateDir, ingest, viewer);

            HttpResponse<String> anonymous = post(ingest + "/v1/images", NoiseImage.png(), null);
            assertThat(anonymous.statusCode()).as("upload without a token: " + anonymous.body()).isEqualTo(401);
            HttpResponse<String> onlyViewer = post(ingest + "/v1/images", NoiseImage.png(), viewer);
            assertThat(onlyViewer.statusCode()).as("upload with role viewer: " + onlyViewer.body()).isEqualTo(403);
        } finally {
            Result down = ocellus(Duration.ofMinutes(3), "down", "--state-dir", stateDir.toString());
            assertThat(down.exit()).as("./ocellus down: %s%s", down.stdout(), down.stderr()).isZero();
            if (state != null) {
                List<Long> alive = state.components().stream().map(StackState.Component::pid)
                        .filter(ProcessLiveness::isRunning).toList();
                assertThat(alive).as("pids still alive after ./ocellus down").isEmpty();
            }
        }
    }

    private Result ocellus(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("ocellus").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "ocellus-", ".out");
        Path err = Files.createTempFile(work, "ocellus-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OCELLUS_NO_BUILD", "1");
        builder.environment().remove(StackLayout.STATE_DIR_ENV);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("./ocellus " + String.join(" ", args) + " did not finish in " + timeout
                    + "\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private String token(Path stateDir, String role) throws Exception {
        Result token = ocellus(Duration.ofMinutes(1), "token", "--role", role, "--state-dir", stateDir.toString());
        assertThat(token.exit()).as("./ocellus token: %s", token.stderr()).isZero();
        assertThat(token.stdout()).as("only the token on stdout").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\n");
        return token.stdout().trim();
    }

    /** ./ocellus import folder with its default token (minted from the stack's key), then the data set's counts. */
    private void importFolder(Path stateDir, String ingest, String viewer) throws Exception {
        Path folder = work.resolve("shapes");
        for (String label : List.of("circle", "square")) {
            Files.createDirectories(folder.resolve(label));
            for (int i = 0; i < 3; i++) {
                Files.write(folder.resolve(label).resolve(i + ".png"), NoiseImage.png());
            }
        }
        String dataset = "e2e-" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
        Result imported = ocellus(Duration.ofMinutes(2), "import", "folder", folder.toString(), "--dataset", dataset,
                "--batch", "2", "--state-dir", stateDir.toString());
        assertThat(imported.exit()).as("./ocellus import folder: %s%s", imported.stdout(), imported.stderr()).isZero();
        assertThat(imported.stdout()).containsPattern("accepted +6").containsPattern("rejected +0");

        JsonNode summary = JSON.readTree(get(ingest + "/v1/datasets/" + dataset, viewer).body());
        assertThat(summary.path("images").asLong()).isEqualTo(6);
        assertThat(summary.path("splits").path("train").path("labels").path("circle").asLong()).isEqualTo(3);

        trainOn(stateDir, dataset);
        classifyWith(stateDir, ingest, token(stateDir, "uploader"), dataset + "-lenet");
        new FaultDrill(new StackLayout(REPO, stateDir), () -> {
            Result again = ocellus(UP_TIMEOUT, "up", "--state-dir", stateDir.toString());
            assertThat(again.exit()).as("./ocellus up after a kill: %s", again.stderr()).isZero();
        }).run(token(stateDir, "uploader"), dataset + "-lenet");
        classifiesOverRest(stateDir, viewer, dataset + "-lenet");
        detectWith(stateDir, viewer, dataset + "-lenet");
        new OrientationDrill(new StackLayout(REPO, stateDir), this::ocellus, work).run(dataset, dataset + "-lenet",
                viewer);
        new EnsembleDrill(new StackLayout(REPO, stateDir), this::ocellus, work).run(dataset, viewer);
        new DemoDrill(new StackLayout(REPO, stateDir), this::ocellus).run();
        uploadThroughTheMonitorPage(stateDir);
        new BrokerDrill(new StackLayout(REPO, stateDir), this::ocellus).run();
        everyDashboardQueryHasData(stateDir);
        // last: the models it publishes would answer the classifications the steps above wait for
        new TwoTrainersDrill(new StackLayout(REPO, stateDir), token(stateDir, "trainer")).run(dataset);
    }

    /** The inference-service the drill killed and restarted answers over REST again, and its metrics say so. */
    private void classifiesOverRest(Path stateDir, String viewer, String model) throws Exception {
        String inference = url(StackState.read(new StackLayout(REPO, stateDir)).orElseThrow(), "inference-service");
        HttpResponse<String> answered = post(inference + "/v1/models/" + model + ":classify?topK=1",
                NoiseImage.png(), viewer);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body()).contains(model);
    }

    /** A scene searched over REST with the model just trained: the detector's metrics come to life. */
    private void detectWith(Path stateDir, String viewer, String model) throws Exception {
        String detector = url(StackState.read(new StackLayout(REPO, stateDir)).orElseThrow(), "detector-service");
        HttpResponse<String> detected = post(detector + "/v1/detect?model=" + model + "&minScore=0",
                NoiseImage.png(), viewer);
        assertThat(detected.statusCode()).as(detected.body()).isEqualTo(200);
        assertThat(JSON.readTree(detected.body()).get("windowsEvaluated").asLong()).isPositive();
        HttpResponse<String> metrics = get(detector + "/q/metrics");
        assertThat(metrics.body()).as("the valid-padding LeNet was searched densely")
                .containsPattern("ocellus_detector_searches_total\\{[^}]*search=\"dense\"[^}]*\\} [1-9]");
    }

    /** The monitor page's upload form forwards to ingest-service with the user's token, and back. */
    private void uploadThroughTheMonitorPage(Path stateDir) throws Exception {
        String monitor = url(StackState.read(new StackLayout(REPO, stateDir)).orElseThrow(), "monitor-service");
        byte[] png = NoiseImage.png();
        HttpResponse<String> accepted = post(monitor + "/v1/upload", png, token(stateDir, "uploader"));
        assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 201);
        assertThat(JSON.readTree(accepted.body()).get("imageId").asText()).isEqualTo(sha256(png));
        HttpResponse<String> refused = post(monitor + "/v1/upload", NoiseImage.png(), token(stateDir, "viewer"));
        assertThat(refused.statusCode()).as("ingest's own answer comes back: " + refused.body()).isEqualTo(403);
    }

    /**
     * The live check of the dashboards: every PromQL expression of every Grafana panel, run against the stack's
     * Prometheus (which scrapes the services every 5 s), returns at least one series.
     */
    private void everyDashboardQueryHasData(Path stateDir) throws Exception {
        String prometheus = url(StackState.read(new StackLayout(REPO, stateDir)).orElseThrow(),
                StackComponents.PROMETHEUS);
        List<String> queries = ObservabilityConfigTest.dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(20);
        List<String> empty = new ArrayList<>(queries);
        // the alert rules are loaded, and the dead letter above raised its alert
        empty.add("ALERTS{alertname=\"OcellusDeadLettersGrowing\"}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!empty.isEmpty() && System.nanoTime() < deadline) {
            for (String query : List.copyOf(empty)) {
                if (seriesCount(prometheus, query) > 0) {
                    empty.remove(query);
                }
            }
            if (!empty.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        assertThat(empty).as("queries without any series on the live Prometheus").isEmpty();
    }

    private static int seriesCount(String prometheus, String query) throws Exception {
        HttpResponse<String> response = get(prometheus + "/api/v1/query?query="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/data/result").size();
    }

    /** ./ocellus train on the imported folder: the packaged trainer with its PyTorch natives, end to end. */
    private void trainOn(Path stateDir, String dataset) throws Exception {
        Path config = work.resolve("lenet.yaml");
        Files.writeString(config, String.join("\n",
                "dataset: " + dataset,
                "architecture: lenet",
                "inputShape: {channels: 1, height: 16, width: 16}",
                // valid padding: the detector then searches whole pyramid levels with the net's dense form
                "network: {padding: valid}",
                "hyperParameters: {epochs: 2, batchSize: 4, optimizer: sgd, learningRate: 0.01, seed: 1}",
                ""));
        Result trained = ocellus(Duration.ofMinutes(3), "train", config.toString(), "--state-dir",
                stateDir.toString());
        assertThat(trained.exit()).as("./ocellus train: %s%s", trained.stdout(), trained.stderr()).isZero();
        assertThat(trained.stdout()).contains("COMPLETED").containsPattern("epoch 2/2 +loss")
                .contains("test: rank-1").contains("training curve: s3://ocellus-models/jobs/")
                .contains("model: " + dataset + "-lenet version 1 at s3://ocellus-models/" + dataset
                        + "-lenet/1/model.onnx, current");
    }

    /**
     * The model the trainer just published is served by the packaged inference-service: an image uploaded with task
     * classify comes back as an ImageClassified event from that model's version.
     */
    private void classifyWith(Path stateDir, String ingest, String uploader, String model) throws Exception {
        String inference = url(StackState.read(new StackLayout(REPO, stateDir)).orElseThrow(), "inference-service");
        String viewer = token(stateDir, "viewer");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (get(inference + "/v1/models/" + model, viewer).statusCode() != 200) {
            assertThat(System.nanoTime()).as("inference-service serves " + model).isLessThan(deadline);
            Thread.sleep(200);
        }
        byte[] png = NoiseImage.png();
        String imageId = sha256(png);
        HttpResponse<String> accepted = post(ingest + "/v1/images?tasks=classify", png, uploader);
        assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 201);

        Result classified = ocellus(Duration.ofMinutes(2), "events", "--max", "1", "--timeout", "60",
                "--topic", Topics.CLASSIFICATIONS, "--state-dir", stateDir.toString());
        assertThat(classified.exit()).as(classified.stderr()).isZero();
        JsonNode event = JSON.readTree(classified.stdout());
        assertThat(event.get("imageId").asText()).isEqualTo(imageId);
        assertThat(event.get("modelName").asText()).isEqualTo(model);
        assertThat(event.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(event.get("topK")).isNotEmpty();

        HttpResponse<String> answered = post(inference + "/v1/models/" + model + ":classify?topK=1",
                NoiseImage.png(), viewer);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body()).contains(model);
    }

    private static String url(StackState state, String component) {
        return state.component(component).map(StackState.Component::url)
                .orElseThrow(() -> new AssertionError(component + " missing from stack.json"));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return get(url, null);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An image upload; {@code token} null sends none. */
    private static HttpResponse<String> post(String url, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of the counter over its label sets in the Prometheus text exposition; 0 before the first event. */
    private static double counter(String serviceUrl) throws Exception {
        HttpResponse<String> metrics = get(serviceUrl + "/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith(INGESTED_COUNTER + " ") || line.startsWith(INGESTED_COUNTER + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void awaitCounter(String serviceUrl, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double seen = counter(serviceUrl);
        while (seen < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            seen = counter(serviceUrl);
        }
        assertThat(seen).as(INGESTED_COUNTER + " on monitor-service").isEqualTo(expected);
    }

    /** A small random RGB PNG: new bytes on every run, so the upload is never a duplicate. */

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
