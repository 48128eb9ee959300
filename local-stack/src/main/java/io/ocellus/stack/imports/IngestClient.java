package io.ocellus.stack.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one batch (the samples of one label and split) as a multipart {@code POST /v1/images} and turns the
 * answer into one outcome per sample. Retries 503s and connection errors with backoff; a refused token (401/403)
 * aborts the whole import, since every later batch would be refused the same way.
 */
public final class IngestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String token;
    private final String dataset;
    private final String tasks;
    private final RetryPolicy retry;
    private final Duration requestTimeout;

    public IngestClient(HttpClient http, URI ingestBase, String token, String dataset, String tasks,
            RetryPolicy retry, Duration requestTimeout) {
        this.http = http;
        this.endpoint = ingestBase.resolve("/v1/images");
        this.token = token;
        this.dataset = dataset;
        this.tasks = tasks;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
    }

    /** An HTTP/1.1 client: plain-text HTTP/2 upgrades buy nothing here and not every server takes them. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public List<FileOutcome> upload(Sample.Group group, List<Sample> samples) throws InterruptedException {
        MultipartForm form = new MultipartForm().field("dataset", dataset).field("label", group.label())
                .field("split", group.split()).field("tasks", tasks).files(samples);
        String failure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retry.delay(attempt - 1).toMillis());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                    .header("Content-Type", form.contentType()).header("Accept", "application/json")
                    .POST(form.body());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failure = "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage());
                continue;
            }
            int status = response.statusCode();
            Problems.throwIfUnauthorized(status, response.body(), endpoint);
            if (RetryPolicy.retryable(status)) {
                failure = "HTTP " + status + Problems.slugSuffix(response.body());
                continue;
            }
            if (status / 100 != 2) {
                return failAll(samples, "HTTP " + status + Problems.slugSuffix(response.body()),
                        Problems.detail(response.body()));
            }
            return outcomes(samples, response.body());
        }
        return failAll(samples, failure + " (gave up after " + retry.maxAttempts() + " attempts)", null);
    }

    /** One outcome per sample, from {@code {"accepted","duplicates","rejected","results":[…]}}. */
    static List<FileOutcome> outcomes(List<Sample> samples, String body) {
        JsonNode results;
        try {
            results = JSON.readTree(body).path("results");
        } catch (IOException e) {
            return failAll(samples, "unreadable answer from ingest-service", e.getMessage());
        }
        List<FileOutcome> outcomes = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            JsonNode result = results.path(i);
            String filename = result.path("filename").asText(samples.get(i).filename());
            int status = result.path("status").asInt(0);
            if (result.isMissingNode()) {
                outcomes.add(new FileOutcome(filename, FileOutcome.Kind.FAILED, "no result for this file", null));
            } else if (result.hasNonNull("image")) {
                outcomes.add(FileOutcome.accepted(filename, result.path("image").path("duplicate").asBoolean()));
            } else {
                JsonNode problem = result.path("problem");
                outcomes.add(new FileOutcome(filename, FileOutcome.Kind.REJECTED,
                        status + " " + Problems.slug(problem), problem.path("detail").asText(null)));
            }
        }
        return outcomes;
    }

    static List<FileOutcome> failAll(List<Sample> samples, String reason, String detail) {
        return samples.stream().map(s -> new FileOutcome(s.filename(), FileOutcome.Kind.FAILED, reason, detail))
                .toList();
    }
}
