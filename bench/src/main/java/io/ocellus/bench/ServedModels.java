package io.ocellus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.stack.StackState;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/** What a running stack's model server serves, as its REST API tells; and where the stack's components answer. */
final class ServedModels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServedModels() {
    }

    /** Waits up to a minute until the server at {@code url} serves {@code version} of {@code model}. */
    static void await(String url, String model, int version, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/models/" + model))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("version").asInt() == version) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " does not serve " + model + " version " + version + " after 60 s");
    }

    /** How many models the server at {@code url} serves. */
    static int count(String url, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/models"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode models = JSON.readTree(answer.body());
        return models.isArray() ? models.size() : models.path("models").size();
    }

    /** The URL of a component of the running stack. */
    static String url(StackState state, String component) {
        return state.component(component).map(StackState.Component::url)
                .orElseThrow(() -> new IllegalStateException(component + " is not in the stack"));
    }
}
