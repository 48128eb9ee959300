package io.ocellus.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A kustomization under k8s/ rendered the way {@code kubectl apply -k} would: by the kustomize built into kubectl
 * (Debian's kubernetes-client, which .ci/run installs when no kubectl is there).
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** Every object the kustomization in {@code directory} (relative to the repository) renders, in order. */
    static List<JsonNode> render(Path repo, String directory) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("kustomize", ".log");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", directory).directory(repo.toFile())
                    .redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed:\n" + Files.readString(errors));
            }
            List<JsonNode> objects = new ArrayList<>();
            try (var documents = YAML.readerFor(JsonNode.class).readValues(output)) {
                while (documents.hasNext()) {
                    JsonNode object = (JsonNode) documents.next();
                    if (object != null && !object.isEmpty()) {
                        objects.add(object);
                    }
                }
            }
            return objects;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
