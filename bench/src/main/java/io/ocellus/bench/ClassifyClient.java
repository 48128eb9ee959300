package io.ocellus.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Classification requests to an inference-service: one raw PNG, many as a multipart form, or a batch the client
 * preprocessed itself as a float32 tensor body.
 */
final class ClassifyClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI classify;
    private final String token;

    ClassifyClient(String baseUrl, String model, String token) {
        this.classify = URI.create(baseUrl + "/v1/models/" + model + ":classify?topK=1");
        this.token = token;
    }

    boolean one(byte[] png) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(classify).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** A prepared multipart body of {@code pngs}, sent as often as asked. */
    Multipart multipart(List<byte[]> pngs) {
        String boundary = "ocellus-" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < pngs.size(); i++) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + i
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(pngs.get(i));
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int length = parts.stream().mapToInt(p -> p.length).sum();
        byte[] body = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, body, at, part.length);
            at += part.length;
        }
        return new Multipart(boundary, body);
    }

    boolean send(Multipart form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(classify).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + form.boundary())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** A prepared tensor body: {@code count} preprocessed samples, little-endian float32. */
    Tensor tensor(float[] values, int count) {
        ByteBuffer body = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(values);
        return new Tensor(URI.create(classify + "&count=" + count), body.array());
    }

    boolean send(Tensor tensor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(tensor.uri()).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/vnd.ocellus.tensor+float32")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tensor.body())).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    record Multipart(String boundary, byte[] body) {
    }

    record Tensor(URI uri, byte[] body) {
    }
}
