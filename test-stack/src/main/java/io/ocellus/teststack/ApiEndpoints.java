package io.ocellus.teststack;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP endpoints of a service as {@code METHOD /path} lines with path parameters written {@code {}}: those its
 * README documents (every {@code `GET /v1/...`} in backticks) and those its OpenAPI document lists, so that the two
 * can be compared.
 */
public final class ApiEndpoints {

    private static final Pattern DOCUMENTED = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]*}");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private ApiEndpoints() {
    }

    /**
     * The endpoints {@code readme} documents, leaving out Quarkus' own under {@code /q/} and a web page served as a
     * static file at {@code /}.
     */
    public static Set<String> documented(Path readme) {
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> endpoints = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(text);
        while (matcher.find()) {
            if (!matcher.group(2).startsWith("/q/") && !matcher.group(2).equals("/")) {
                endpoints.add(matcher.group(1) + " " + normalised(matcher.group(2)));
            }
        }
        return endpoints;
    }

    /** The endpoints an OpenAPI document (as JSON) lists. */
    public static Set<String> published(JsonNode openApi) {
        Set<String> endpoints = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    endpoints.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()));
                }
            }
        }
        return endpoints;
    }

    /**
     * The error statuses each operation declares of its own, by {@code METHOD /path}: those its endpoint names, not
     * the 401, 403 and default every operation has.
     */
    public static Map<String, Set<String>> ownErrors(JsonNode openApi) {
        Map<String, Set<String>> errors = new TreeMap<>();
        operations(openApi, (endpoint, operation) -> {
            Set<String> statuses = errors.computeIfAbsent(endpoint, e -> new TreeSet<>());
            operation.path("responses").fieldNames().forEachRemaining(status -> {
                if ((status.startsWith("4") || status.startsWith("5")) && !status.equals("401")
                        && !status.equals("403")) {
                    statuses.add(status);
                }
            });
        });
        return errors;
    }

    /** The error responses ({@code METHOD /path status}) whose content is not the problem shape. */
    public static Set<String> errorsWithoutTheProblemShape(JsonNode openApi) {
        Set<String> shapeless = new TreeSet<>();
        operations(openApi, (endpoint, operation) -> operation.path("responses").fields().forEachRemaining(r -> {
            boolean error = r.getKey().startsWith("4") || r.getKey().startsWith("5") || r.getKey().equals("default");
            String ref = r.getValue().at("/content/application~1problem+json/schema/$ref").asText();
            if (error && !ref.equals("#/components/schemas/Problem")) {
                shapeless.add(endpoint + " " + r.getKey());
            }
        }));
        return shapeless;
    }

    private static void operations(JsonNode openApi, BiConsumer<String, JsonNode> visit) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    visit.accept(op.getKey().toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()),
                            op.getValue());
                }
            }
        }
    }

    private static String normalised(String path) {
        String templated = PARAMETER.matcher(path).replaceAll("{}");
        return templated.length() > 1 && templated.endsWith("/") ? templated.substring(0, templated.length() - 1)
                : templated;
    }
}
