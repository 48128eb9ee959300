package io.ocellus.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Classification loads on an inference-service: raw PNGs one at a time, many as a multipart form, or a batch the
 * client preprocessed itself as a float32 tensor body.
 */
final class ClassifyClient {

    private final URI classify;
    private final String token;

    ClassifyClient(String baseUrl, String model, String token) {
        this.classify = URI.create(baseUrl + "/v1/models/" + model + ":classify?topK=1");
        this.token = token;
    }

    /** A wrk load of single raw PNGs, taken in turn from {@code pngs}. */
    WrkLoad oneByOne(List<byte[]> pngs) throws IOException {
        return WrkLoad.prepare(classify, Map.of("Authorization", "Bearer " + token, "Content-Type", "image/png"),
                pngs);
    }

    /** A wrk load sending {@code form} again and again. */
    WrkLoad repeated(Multipart form) throws IOException {
        return WrkLoad.prepare(classify, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "multipart/form-data; boundary=" + form.boundary()), List.of(form.body()));
    }

    /** A wrk load sending {@code tensor} again and again. */
    WrkLoad repeated(Tensor tensor) throws IOException {
        return WrkLoad.prepare(tensor.uri(), Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/vnd.ocellus.tensor+float32"), List.of(tensor.body()));
    }

    /** A multipart body of {@code pngs}, made once. */
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

    /** A tensor body of {@code count} preprocessed samples, little-endian float32, made once. */
    Tensor tensor(float[] values, int count) {
        ByteBuffer body = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(values);
        return new Tensor(URI.create(classify + "&count=" + count), body.array());
    }

    record Multipart(String boundary, byte[] body) {
    }

    record Tensor(URI uri, byte[] body) {
    }
}
