package io.ocellus.stack.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training config file, YAML or JSON (YAML is a superset), turned into the JSON body of {@code POST /v1/jobs}.
 * The trainer checks the content; this only makes sure there is an object to send.
 */
public final class TrainingConfig {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingConfig() {
    }

    public static ObjectNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TrainAbortedException("no config file at " + file);
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new TrainAbortedException(file + " is neither YAML nor JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(tree instanceof ObjectNode config)) {
            throw new TrainAbortedException(file + " must hold one object (dataset, architecture, inputShape, "
                    + "hyperParameters, ...)");
        }
        return config;
    }

    public static byte[] json(ObjectNode config) {
        try {
            return JSON.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
