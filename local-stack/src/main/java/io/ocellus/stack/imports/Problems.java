package io.ocellus.stack.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;

/** Reading the services' RFC 7807 problem answers, and turning a refused token into one clear message. */
final class Problems {

    private Problems() {
    }

    /** The short name of a problem type: {@code https://ocellus.io/problems/not-an-image} → {@code not-an-image}. */
    static String slug(JsonNode problem) {
        String type = problem.path("type").asText("");
        if (!type.isEmpty()) {
            return type.substring(type.lastIndexOf('/') + 1);
        }
        return problem.path("title").asText("unknown");
    }

    static String slugSuffix(String body) {
        JsonNode problem = parse(body);
        return problem == null || (!problem.has("type") && !problem.has("title")) ? "" : " " + slug(problem);
    }

    static String detail(String body) {
        JsonNode problem = parse(body);
        return problem == null ? null : problem.path("detail").asText(null);
    }

    /** 401: no valid token; 403: a valid token without the role. Both end the import. */
    static void throwIfUnauthorized(int status, String body, URI endpoint) {
        if (status != 401 && status != 403) {
            return;
        }
        String detail = detail(body);
        String why = status == 401
                ? "refused the token (401 Unauthorized): it is missing, expired, or not signed by this stack's key"
                : "refused the request (403 Forbidden): the token lacks the role this needs (uploads need uploader)";
        throw new ImportAbortedException(endpoint.resolve("/") + " " + why + (detail == null ? "" : " — " + detail)
                + ". Mint a token with `./ocellus token --role uploader` (same --state-dir as the stack) and pass it "
                + "with --token or OCELLUS_TOKEN, or leave both out to mint one from the local stack's key.");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = IngestClient.JSON.readTree(body);
            return node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
