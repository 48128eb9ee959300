package io.ocellus.stack.imports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for ingest-service's multipart upload on a local com.sun.net.httpserver: records every request
 * (form fields, file parts, headers), answers like the real endpoint, and can be told to fail first.
 */
final class FakeIngest implements AutoCloseable {

    record Part(String name, String filename, String contentType, byte[] content) {
    }

    record Upload(Map<String, String> fields, List<Part> files, String authorization) {
    }

    final List<Upload> uploads = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentLinkedQueue<Integer> failFirst = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    volatile int alwaysStatus;
    volatile long delayMillis;
    /** Per file: the status to answer with (201 new, 200 duplicate, else a problem). */
    volatile Function<Part, Integer> fileStatus = part -> 201;

    private final HttpServer server;

    FakeIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/q/health/ready", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/v1/images", this::upload);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    private void upload(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Integer failure = failFirst.poll();
            if (failure == null && alwaysStatus != 0) {
                failure = alwaysStatus;
            }
            if (failure != null) {
                respond(exchange, failure, "{\"type\":\"https://ocellus.io/problems/test-" + failure
                        + "\",\"title\":\"test\",\"status\":" + failure + ",\"detail\":\"told to fail\"}");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            List<Part> parts = parse(body, type.substring(type.indexOf("boundary=") + 9));
            Map<String, String> fields = new LinkedHashMap<>();
            List<Part> files = new ArrayList<>();
            for (Part part : parts) {
                if (part.filename() != null) {
                    files.add(part);
                } else {
                    fields.put(part.name(), new String(part.content(), StandardCharsets.UTF_8));
                }
            }
            uploads.add(new Upload(fields, files, exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, answer(files));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private String answer(List<Part> files) {
        int accepted = 0;
        int duplicates = 0;
        List<String> results = new ArrayList<>();
        for (Part file : files) {
            int status = fileStatus.apply(file);
            if (status == 201 || status == 200) {
                accepted += status == 201 ? 1 : 0;
                duplicates += status == 200 ? 1 : 0;
                results.add("{\"filename\":\"" + file.filename() + "\",\"status\":" + status + ",\"image\":{"
                        + "\"imageId\":\"x\",\"duplicate\":" + (status == 200) + "}}");
            } else {
                results.add("{\"filename\":\"" + file.filename() + "\",\"status\":" + status + ",\"problem\":{"
                        + "\"type\":\"https://ocellus.io/problems/not-an-image\",\"title\":\"Image rejected\","
                        + "\"status\":" + status + ",\"detail\":\"bytes are not an image\"}}");
            }
        }
        return "{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + ",\"rejected\":"
                + (files.size() - accepted - duplicates) + ",\"results\":[" + String.join(",", results) + "]}";
    }

    static List<Part> parse(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte: offsets are byte offsets
        List<Part> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0 && !text.startsWith(delimiter + "--", at)) {
            int headersStart = at + delimiter.length() + 2;
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            String headers = text.substring(headersStart, headersEnd);
            byte[] content = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
            parts.add(new Part(value(headers, "name=\""), value(headers, "filename=\""),
                    headers.contains("Content-Type: ") ? headers.substring(headers.indexOf("Content-Type: ") + 14)
                            .split("\r\n")[0] : null, content));
            at = next + 2;
        }
        return parts;
    }

    private static String value(String headers, String key) {
        int start = headers.indexOf(key);
        if (start < 0 || (key.equals("name=\"") && start > 0 && headers.charAt(start - 1) != ' ')) {
            return null;
        }
        start += key.length();
        return headers.substring(start, headers.indexOf('"', start));
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
