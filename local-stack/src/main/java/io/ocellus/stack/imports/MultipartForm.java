package io.ocellus.stack.imports;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body: text fields, then one {@code file} part per sample with its file name and
 * content type. The body is assembled from publishers, so file samples stream from disk, and rebuilt for every
 * attempt, so a retry sends the same bytes again.
 */
final class MultipartForm {

    private final String boundary = "ocellus-" + UUID.randomUUID();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<Sample> files = new ArrayList<>();

    MultipartForm field(String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
        return this;
    }

    MultipartForm files(List<Sample> samples) {
        files.addAll(samples);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    BodyPublisher body() {
        List<BodyPublisher> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        for (Sample sample : files) {
            text.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"")
                    .append(quoted(sample.filename())).append("\"\r\n")
                    .append("Content-Type: ").append(sample.contentType()).append("\r\n\r\n");
            parts.add(ascii(text));
            parts.add(sample.publisher());
            text.setLength(0);
            text.append("\r\n");
        }
        text.append("--").append(boundary).append("--\r\n");
        parts.add(ascii(text));
        return BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
    }

    /** File names go inside a quoted header value: no quotes, backslashes or line breaks may reach it. */
    static String quoted(String filename) {
        return filename.replaceAll("[\"\\\\\\r\\n]", "_");
    }

    private static BodyPublisher ascii(CharSequence text) {
        return BodyPublishers.ofByteArray(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
