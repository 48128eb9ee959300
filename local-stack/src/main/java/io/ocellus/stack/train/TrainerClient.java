package io.ocellus.stack.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to trainer-service's job API with a bearer token. */
final class TrainerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    TrainerClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Submits a config; returns the job id. */
    String submit(byte[] config) throws InterruptedException {
        JsonNode answer = call(HttpRequest.newBuilder(base.resolve("/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(config)), 202);
        return answer.path("jobId").asText();
    }

    JsonNode job(String jobId) throws InterruptedException {
        return call(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId)).GET(), 200);
    }

    /** The job, or null while the trainer has not taken the request off Kafka yet. */
    JsonNode jobIfKnown(String jobId) throws InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId)).GET());
        return response.statusCode() == 404 ? null : parse(response, 200);
    }

    JsonNode cancel(String jobId) throws InterruptedException {
        return call(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
    }

    private JsonNode call(HttpRequest.Builder request, int expected) throws InterruptedException {
        return parse(send(request), expected);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws InterruptedException {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TrainAbortedException("trainer-service at " + base + " does not answer (" + e + "); is the "
                    + "stack up (./ocellus status)?");
        }
    }

    private static JsonNode parse(HttpResponse<byte[]> response, int expected) {
        JsonNode body;
        try {
            body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("detail", new String(response.body()));
        }
        if (response.statusCode() != expected) {
            String detail = body.path("detail").asText(body.toString());
            throw new TrainAbortedException("trainer-service answered " + response.statusCode() + ": " + detail);
        }
        return body;
    }
}
