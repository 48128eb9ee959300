package io.ocellus.stack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code stack.json}: what {@code up} started, for {@code status}, {@code events} and {@code down} (and for
 * scripts and tests). Holds the S3 access key but never the secret.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackState(List<Component> components) {

    /** One started component. Kafka's {@code url} is its bootstrap address; the others' an HTTP base URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Component(String name, String url, Integer port, Long pid, String log, Integer controllerPort,
            String accessKey, String health, String metrics) {

        public static Component of(String name, String url, int port, long pid, Path log) {
            return new Component(name, url, port, pid, log.toString(), null, null, null, null);
        }

        public Component withControllerPort(int controller) {
            return new Component(name, url, port, pid, log, controller, accessKey, health, metrics);
        }

        public Component withAccessKey(String key) {
            return new Component(name, url, port, pid, log, controllerPort, key, health, metrics);
        }

        public Component withServiceUrls() {
            return new Component(name, url, port, pid, log, controllerPort, accessKey,
                    ServiceProcess.healthUrl(url), ServiceProcess.metricsUrl(url));
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StackState {
        components = List.copyOf(components);
    }

    public Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Optional<StackState> read(StackLayout layout) {
        Path file = layout.stackFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StackState.class));
        } catch (IOException e) {
            // A half-written or hand-edited file must not block down/up: the pid files are the source of truth.
            System.err.println("ocellus: ignoring unreadable " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public void write(StackLayout layout) {
        try {
            ConfigFiles.write(layout.stackFile(), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(StackLayout layout) {
        try {
            Files.deleteIfExists(layout.stackFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
