package io.ocellus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Uploads one PNG to ingest-service as a raw body, as a camera or script would. */
final class IngestClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI images;
    private final String token;

    IngestClient(String ingestUrl, String token) {
        this.images = URI.create(ingestUrl + "/v1/images");
        this.token = token;
    }

    void upload(byte[] png) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(images)
                        .header("Content-Type", "image/png").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("ingest answered " + response.statusCode() + ": " + response.body());
        }
    }
}
