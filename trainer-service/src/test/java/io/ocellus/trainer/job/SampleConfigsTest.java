package io.ocellus.trainer.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.nets.Net;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every training config in {@code samples/} is one trainer-service accepts: with the envelope POST /v1/jobs adds,
 * it is a valid TrainingRequested, its job spec checks out, and its net builds for its input shape.
 */
class SampleConfigsTest {

    private static final Path SAMPLES = Path.of("..", "samples");

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    static Stream<Path> configs() throws IOException {
        return Files.list(SAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theTrainerAcceptsIt(Path config) throws IOException {
        ObjectNode tree = (ObjectNode) new YAMLMapper().readTree(config.toFile());
        tree.put("schemaVersion", TrainingRequested.SCHEMA_VERSION).put("jobId", "job-sample")
                .put("requestedAt", "2026-12-02T00:00:00Z");
        TrainingRequested request = EventSerde.instance().deserialize(tree.toString(), TrainingRequested.class);

        JobSpec spec = JobSpec.from(request);
        Net net = spec.architecture().build(spec.netOptions(), spec.inputShape().channels(),
                spec.inputShape().height(), spec.inputShape().width(), 11);

        assertThat(spec.modelName()).isEqualTo(tree.path("modelName").asText());
        assertThat(net.classes()).isEqualTo(11);
        // the network options the file sets are the ones the net is built with
        assertThat(spec.netOptions().padding().value())
                .isEqualTo(tree.path("network").path("padding").asText("same"));
        assertThat(spec.netOptions().head().value()).isEqualTo(tree.path("network").path("head").asText("dense"));
    }

    @org.junit.jupiter.api.Test
    void theSamplesAreThere() throws IOException {
        assertThat(configs()).hasSizeGreaterThanOrEqualTo(4);
    }
}
