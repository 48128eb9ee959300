package io.ocellus.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.stack.StackException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Makes sure the services serve the version of a model a job just published: current in the registry,
 * inference-service listing it with that job, and detector-service searching with it (it answers 503 until it has
 * loaded it).
 */
final class ServedModels {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    ServedModels(String viewerToken) {
        this.token = viewerToken;
    }

    /**
     * Makes the version job {@code jobId} published current when the registry's policy did not (it was no better
     * than the current one), so that the demo streams through the net it trained; returns that version.
     */
    int makeCurrent(String trainer, String adminToken, String model, String jobId)
            throws IOException, InterruptedException {
        HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(trainer + "/v1/jobs/" + jobId))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode published = JSON.readTree(job.body()).path("model");
        if (job.statusCode() != 200 || !published.path("version").isInt()) {
            throw new StackException("demo", "job " + jobId + " published no model: " + job.body());
        }
        int version = published.path("version").asInt();
        if (!published.path("current").asBoolean()) {
            HttpResponse<String> promoted = http.send(HttpRequest.newBuilder(URI.create(trainer + "/v1/registry/"
                            + model + "/promote")).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"version\": " + version + ", \"reason\": "
                            + "\"./ocellus demo streams through the version it trained\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (promoted.statusCode() != 200) {
                throw new StackException("demo", "cannot make version " + version + " of " + model + " current: "
                        + promoted.statusCode() + " " + promoted.body());
            }
            System.err.printf("%s version %d made current (the registry kept the version before it)%n", model,
                    version);
        }
        return version;
    }

    void awaitClassifier(String inference, String model, String jobId, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> served = http.send(request(inference + "/v1/models/" + model).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() == 200 && jobId.equals(JSON.readTree(served.body()).path("jobId").asText())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("demo", "inference-service does not serve the version of " + model
                        + " that job " + jobId + " published within " + patience.toSeconds() + " s (it answers "
                        + served.statusCode() + ": " + served.body() + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    void awaitDetector(String detector, String model, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        byte[] blank = blankPng();
        while (true) {
            HttpResponse<String> searched = http.send(request(detector + "/v1/detect?model=" + model)
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(blank))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (searched.statusCode() == 200) {
                return;
            }
            if (searched.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new StackException("demo", "detector-service cannot search with " + model + ": "
                        + searched.statusCode() + " " + searched.body());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    private static byte[] blankPng() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
