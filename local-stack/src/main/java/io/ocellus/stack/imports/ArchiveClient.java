package io.ocellus.stack.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Streams an archive to {@code POST /v1/datasets/{name}/archive} and reads the NDJSON answer while the upload is
 * still going: one line per entry ({@code {"entry","result",…}}) drives the progress bar and the tally, then
 * possibly {@code {"error":…}} (reading stopped early), then {@code {"summary":…}}.
 */
public final class ArchiveClient {

    static final String NDJSON = "application/x-ndjson";

    /** The service's summary (null when the stream ended without one) and its early-stop error, if any. */
    public record Result(JsonNode summary, JsonNode error) {
    }

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final RetryPolicy retry;

    public ArchiveClient(HttpClient http, URI base, String token, RetryPolicy retry) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.retry = retry;
    }

    public Result upload(Path archive, String dataset, String split, String tasks, ImportTally tally,
            ImportProgress progress) throws InterruptedException, FileNotFoundException {
        URI endpoint = endpoint(dataset, split, tasks);
        String failure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retry.delay(attempt - 1).toMillis());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", ArchiveEntries.contentType(archive)).header("Accept", NDJSON)
                    .POST(HttpRequest.BodyPublishers.ofFile(archive));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<Stream<String>> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            } catch (IOException e) {
                failure = "connection failed: " + e.getMessage();
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                try (Stream<String> lines = response.body()) {
                    return read(lines.iterator(), tally, progress);
                }
            }
            String body;
            try (Stream<String> lines = response.body()) {
                body = lines.collect(Collectors.joining("\n"));
            }
            Problems.throwIfUnauthorized(status, body, endpoint);
            if (status == 404 || status == 405) {
                throw new ImportAbortedException(base + " has no archive upload (HTTP " + status + " for "
                        + endpoint.getPath() + "); update ingest-service, or unpack the archive and use "
                        + "./ocellus import folder");
            }
            if (!RetryPolicy.retryable(status)) {
                String detail = Problems.detail(body);
                throw new ImportAbortedException("ingest-service refused the archive: HTTP " + status
                        + Problems.slugSuffix(body) + (detail == null ? "" : " — " + detail));
            }
            failure = "HTTP " + status + Problems.slugSuffix(body);
        }
        throw new ImportAbortedException("the archive upload failed: " + failure + " (gave up after "
                + retry.maxAttempts() + " attempts)");
    }

    URI endpoint(String dataset, String split, String tasks) {
        StringBuilder query = new StringBuilder();
        if (split != null) {
            query.append("split=").append(URLEncoder.encode(split, StandardCharsets.UTF_8));
        }
        if (tasks != null && !tasks.isBlank()) {
            query.append(query.length() == 0 ? "" : "&").append("tasks=")
                    .append(URLEncoder.encode(tasks, StandardCharsets.UTF_8));
        }
        return base.resolve("/v1/datasets/" + dataset + "/archive" + (query.length() == 0 ? "" : "?" + query));
    }

    static Result read(Iterator<String> lines, ImportTally tally, ImportProgress progress) {
        JsonNode summary = null;
        JsonNode error = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = IngestClient.JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line we cannot read is not worth failing a long upload for; the summary counts
            }
            if (node.has("summary")) {
                summary = node.get("summary");
            } else if (node.has("error")) {
                error = node.get("error");
            } else if (node.has("entry")) {
                entry(node, tally);
                progress.advance(1);
            }
        }
        return new Result(summary, error);
    }

    private static void entry(JsonNode line, ImportTally tally) {
        String entry = line.path("entry").asText();
        String reason = line.path("reason").asText(null);
        switch (line.path("result").asText()) {
            case "accepted" -> tally.record(FileOutcome.accepted(entry, false));
            case "duplicate" -> tally.record(FileOutcome.accepted(entry, true));
            case "skipped" -> tally.skipped(1);
            default -> tally.record(new FileOutcome(entry, FileOutcome.Kind.REJECTED,
                    line.path("status").asInt(0) + " " + line.path("code").asText("rejected"), reason));
        }
    }

    /** Whether the per-entry lines add up to the service's own summary (they do unless lines were lost). */
    static boolean agrees(JsonNode summary, ImportTally tally) {
        return summary == null || (summary.path("accepted").asLong() == tally.accepted()
                && summary.path("duplicates").asLong() == tally.duplicates()
                && summary.path("rejected").asLong() == tally.rejected());
    }
}
