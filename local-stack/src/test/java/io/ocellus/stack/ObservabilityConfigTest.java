package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus configurations (local stack, compose, Kubernetes), the alert rules with their unit tests, and the
 * Grafana provisioning and dashboards under {@code observability/}, checked with Debian's {@code promtool}.
 */
class ObservabilityConfigTest {

    static final Path REPO = Path.of(System.getProperty(StackLayout.REPO_ROOT_PROPERTY, ".."))
            .toAbsolutePath().normalize();
    static final Path OBSERVABILITY = REPO.resolve("observability");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void promtoolAcceptsTheLocalStackConfigWithItsAlertRules() throws Exception {
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, PrometheusServer.configuration(Map.of("ingest-service", 18081,
                "trainer-service", 18082), REPO.resolve(PrometheusServer.ALERT_RULES)));
        String output = promtool("check", "config", config.toString());
        assertThat(output).contains("SUCCESS: 6 rules found");
    }

    @Test
    void promtoolAcceptsTheComposeConfig() throws Exception {
        promtool("check", "config", OBSERVABILITY.resolve("prometheus/prometheus-compose.yml").toString());
    }

    /**
     * Debian's promtool is built without Kubernetes service discovery, so the cluster config is checked for what
     * it must do: keep annotated pods only, honour their path and port, and name the job after the app.
     */
    @Test
    void kubernetesConfigScrapesAnnotatedPodsAsJobsNamedAfterTheirApp() throws Exception {
        JsonNode config = YAML.readTree(OBSERVABILITY.resolve("prometheus/prometheus-k8s.yml").toFile());
        JsonNode job = config.at("/scrape_configs/0");
        assertThat(job.at("/kubernetes_sd_configs/0/role").asText()).isEqualTo("pod");
        List<String> sources = new ArrayList<>();
        for (JsonNode relabel : job.get("relabel_configs")) {
            sources.add(relabel.at("/source_labels/0").asText() + " -> " + relabel.path("action").asText("replace")
                    + " " + relabel.path("target_label").asText(""));
            if (relabel.has("regex")) {
                Pattern.compile(relabel.get("regex").asText());
            }
        }
        assertThat(sources).contains(
                "__meta_kubernetes_pod_annotation_prometheus_io_scrape -> keep ",
                "__meta_kubernetes_pod_annotation_prometheus_io_path -> replace __metrics_path__",
                "__address__ -> replace __address__",
                "__meta_kubernetes_pod_label_app_kubernetes_io_name -> replace job");
        assertThat(config.at("/rule_files/0").asText()).isEqualTo("/etc/prometheus/rules/*.yml");
    }

    @Test
    void alertRulesPassTheirUnitTestsAndEveryRuleHasOne() throws Exception {
        Path rules = OBSERVABILITY.resolve("prometheus/rules");
        promtool("check", "rules", rules.resolve("ocellus-alerts.yml").toString());
        String output = promtool(rules, "test", "rules", "ocellus-alerts.test.yml");
        assertThat(output).contains("SUCCESS");

        List<String> alerts = new ArrayList<>();
        YAML.readTree(rules.resolve("ocellus-alerts.yml").toFile()).get("groups")
                .forEach(group -> group.get("rules").forEach(rule -> alerts.add(rule.get("alert").asText())));
        List<String> tested = new ArrayList<>();
        YAML.readTree(rules.resolve("ocellus-alerts.test.yml").toFile()).get("tests")
                .forEach(test -> test.path("alert_rule_test").forEach(t -> tested.add(t.get("alertname").asText())));
        assertThat(alerts).containsExactlyInAnyOrder("OcellusTrainingJobFailed", "OcellusDeadLettersGrowing",
                "OcellusConsumerLagGrowing", "OcellusConsumerLagHigh", "OcellusInferenceLatencyHigh", "OcellusServiceDown");
        assertThat(tested).containsAll(alerts);
    }

    @Test
    void dashboardsUseTheProvisionedDataSourceAndEveryPanelHasAQuery() throws Exception {
        JsonNode source = YAML.readTree(OBSERVABILITY.resolve("grafana/provisioning/datasources/prometheus.yml")
                .toFile()).at("/datasources/0");
        assertThat(source.get("type").asText()).isEqualTo("prometheus");
        JsonNode provider = YAML.readTree(OBSERVABILITY.resolve("grafana/provisioning/dashboards/ocellus.yml")
                .toFile()).at("/providers/0");
        assertThat(provider.get("type").asText()).isEqualTo("file");

        List<Path> dashboards = dashboards();
        assertThat(dashboards).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("pipeline-overview.json", "training.json", "serving.json", "jvm-http.json");
        List<String> uids = new ArrayList<>();
        for (Path file : dashboards) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            uids.add(dashboard.get("uid").asText());
            assertThat(dashboard.get("panels")).as(file.toString()).isNotEmpty();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText())
                        .isEqualTo(source.get("uid").asText());
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty()
                        .allSatisfy(target -> assertThat(target.get("expr").asText()).isNotBlank());
            }
        }
        assertThat(uids).doesNotHaveDuplicates();
    }

    static List<Path> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every PromQL expression of every dashboard panel, with Grafana's interval variables made concrete. */
    static List<String> dashboardQueries() throws Exception {
        List<String> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            for (JsonNode panel : JSON.readTree(file.toFile()).get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    queries.add(target.get("expr").asText().replace("$__rate_interval", "1m"));
                }
            }
        }
        return queries;
    }

    private static String promtool(String... args) throws Exception {
        return promtool(null, args);
    }

    private static String promtool(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool %s:\n%s", String.join(" ", args), output).isZero();
        return output;
    }

    private static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no promtool on PATH: it comes with Debian's prometheus package "
                + "(apt-get install -y --no-install-recommends prometheus); .ci/run installs it");
    }
}
