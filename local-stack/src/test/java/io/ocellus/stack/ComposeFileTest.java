package io.ocellus.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ocellus.schema.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as Debian's docker-compose reads it (no engine is needed to validate and render it): it is
 * valid, runs the broker, the store, Prometheus, Grafana and the five services, creates exactly shared-schema's
 * topics, and mounts the observability files themselves, so compose and the local stack use the same dashboards
 * and rules.
 */
class ComposeFileTest {

    private static final Path REPO = ObservabilityConfigTest.REPO;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode services;

    @BeforeAll
    static void render() throws Exception {
        compose("config", "-q");
        services = YAML.readTree(compose("config")).get("services");
    }

    @Test
    void theStackRunsTheBrokerTheStoreTheObservabilityAndTheFiveServices() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "minio", "prometheus", "grafana", "ingest-service", "trainer-service",
                "inference-service", "detector-service", "monitor-service");
        for (String service : StackComponents.SERVICES) {
            JsonNode definition = services.get(service);
            assertThat(definition.at("/build/dockerfile").asText()).as(service)
                    .isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(REPO.resolve(service).resolve("src/main/docker/Dockerfile.jvm")).isRegularFile();
            assertThat(definition.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).as(service)
                    .isEqualTo("kafka:19092");
            assertThat(definition.at("/depends_on/kafka/condition").asText()).as(service).isEqualTo("service_healthy");
        }
        assertThat(services.at("/trainer-service-gpu/deploy/resources/reservations/devices/0/capabilities/0")
                .asText()).isEqualTo("gpu");
        assertThat(services.at("/trainer-service-gpu/build/dockerfile").asText())
                .isEqualTo("src/main/docker/Dockerfile.gpu");
        assertThat(REPO.resolve("trainer-service/src/main/docker/Dockerfile.gpu")).isRegularFile();
    }

    @Test
    void everyServiceIsGivenTheSettingsOfTheOneList() {
        for (String service : StackComponents.SERVICES) {
            List<String> given = new ArrayList<>();
            services.get(service).get("environment").fieldNames().forEachRemaining(given::add);
            assertThat(given).as(service).containsAll(ServiceSettings.of(service).stream()
                    .map(ServiceSettings.Setting::environmentName).toList());
        }
    }

    @Test
    void theTopicsAreSharedSchemasTopics() {
        String command = services.at("/topics/command/0").asText();
        List<String> created = Arrays.stream(command.split("\\s+")).filter(word -> word.startsWith("ocellus."))
                .map(word -> word.replace(";", "")).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void prometheusAndGrafanaMountTheObservabilityFilesThemselves() {
        List<String> mounts = new ArrayList<>();
        for (String service : List.of("prometheus", "grafana")) {
            services.get(service).get("volumes").forEach(volume -> mounts.add(volume.asText().split(":")[0]));
        }
        assertThat(mounts).contains(REPO.resolve("observability/prometheus/prometheus-compose.yml").toString(),
                REPO.resolve("observability/prometheus/rules").toString(),
                REPO.resolve("observability/grafana/provisioning").toString(),
                REPO.resolve("observability/grafana/dashboards").toString());
    }

    /** Runs docker-compose on the repository's file and returns what it printed. */
    private static String compose(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        // the store password is required; validating the file needs a value, not the real one
        builder.environment().put("OCELLUS_S3_SECRET_KEY", "compose-file-check");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose %s:\n%s", String.join(" ", args), output).isZero();
        return output;
    }
}
