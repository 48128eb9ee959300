package io.ocellus.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ensemble trained in one job on the running stack: {@code ./ocellus train} with {@code ensemble: {members: 2}}
 * publishes one model, which inference-service classifies with and detector-service searches scenes with, like any
 * single model.
 */
final class EnsembleDrill {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StackLayout layout;
    private final BrokerDrill.Cli ocellus;
    private final Path work;

    EnsembleDrill(StackLayout layout, BrokerDrill.Cli ocellus, Path work) {
        this.layout = layout;
        this.ocellus = ocellus;
        this.work = work;
    }

    void run(String dataset, String viewer) throws Exception {
        String model = "ensemble-" + dataset;
        Path config = work.resolve("ensemble.yaml");
        Files.writeString(config, String.join("\n",
                "dataset: " + dataset,
                "modelName: " + model,
                "architecture: lenet",
                "inputShape: {channels: 1, height: 16, width: 16}",
                "network: {padding: valid}",
                "hyperParameters: {epochs: 1, batchSize: 4, optimizer: sgd, learningRate: 0.01, seed: 1}",
                "ensemble: {members: 2}",
                ""));
        LocalStackEndToEndTest.Result trained = ocellus.run(Duration.ofMinutes(3), "train", config.toString(),
                "--state-dir", layout.stateDir().toString());
        assertThat(trained.exit()).as("./ocellus train: %s%s", trained.stdout(), trained.stderr()).isZero();
        assertThat(trained.stdout()).contains("COMPLETED").containsPattern("epoch 2/2 +loss")
                .contains("model: " + model + " version 1");

        StackState state = StackState.read(layout).orElseThrow();
        String inference = state.component("inference-service").orElseThrow().url();
        String detector = state.component("detector-service").orElseThrow().url();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (send(HttpRequest.newBuilder(URI.create(inference + "/v1/models/" + model)), viewer)
                .statusCode() != 200) {
            assertThat(System.nanoTime()).as("inference-service serves " + model).isLessThan(deadline);
            Thread.sleep(200);
        }
        HttpResponse<String> classified = send(post(inference + "/v1/models/" + model + ":classify?topK=1"), viewer);
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        assertThat(JSON.readTree(classified.body()).get("model").asText()).isEqualTo(model);
        // detector-service loads the new model on its own: 503 until it has
        long loaded = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> detected = send(post(detector + "/v1/detect?model=" + model + "&minScore=0"), viewer);
        while (detected.statusCode() == 503 && System.nanoTime() < loaded) {
            Thread.sleep(200);
            detected = send(post(detector + "/v1/detect?model=" + model + "&minScore=0"), viewer);
        }
        assertThat(detected.statusCode()).as(detected.body()).isEqualTo(200);
        assertThat(JSON.readTree(detected.body()).get("windowsEvaluated").asLong()).isPositive();
    }

    private static HttpRequest.Builder post(String url) throws Exception {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(NoiseImage.png()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
