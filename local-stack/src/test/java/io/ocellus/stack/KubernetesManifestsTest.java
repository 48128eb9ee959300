package io.ocellus.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/ as kubectl would apply it: the base and each overlay render, every object reads into its typed model with no
 * unknown field, and the rendered objects keep the promises the rest of Ocellus relies on (probes, limits, non-root,
 * ports, settings, topics, ACLs, dashboards and rules, GPU trainers, lag-based scaling, network policies).
 */
class KubernetesManifestsTest {

    private static final Path REPO = ObservabilityConfigTest.REPO;
    private static final List<String> KUSTOMIZATIONS = List.of("k8s/base", "k8s/overlays/local", "k8s/overlays/gpu");
    private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();
    private static final Map<String, List<Object>> TYPED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        for (String kustomization : KUSTOMIZATIONS) {
            List<JsonNode> objects = Kustomize.render(REPO, kustomization);
            RENDERED.put(kustomization, objects);
            TYPED.put(kustomization, objects.stream().map(TypedKubernetesModel::read).toList());
        }
    }

    @Test
    void everyKustomizationRendersTheWholeSystemIntoOneNamespace() {
        for (String kustomization : KUSTOMIZATIONS) {
            List<JsonNode> objects = RENDERED.get(kustomization);
            assertThat(objects.stream().map(o -> o.path("kind").asText()).distinct()).as(kustomization)
                    .contains("Deployment", "Service", "StatefulSet", "Kafka", "KafkaNodePool", "KafkaTopic",
                            "KafkaUser", "ServiceMonitor", "PrometheusRule", "ScaledObject", "NetworkPolicy",
                            "PodDisruptionBudget", "ConfigMap");
            assertThat(names(kustomization, Deployment.class)).as(kustomization)
                    .containsAll(StackComponents.SERVICES).contains("grafana");
            objects.stream().filter(o -> !o.path("kind").asText().equals("Namespace")).forEach(o ->
                    assertThat(o.at("/metadata/namespace").asText()).as(describe(o)).isEqualTo("ocellus"));
        }
    }

    @Test
    void everyWorkloadHasProbesRequestsAndLimitsAndRunsAsNonRoot() {
        for (String kustomization : KUSTOMIZATIONS) {
            workloads(kustomization).forEach((name, template) -> {
                PodSpec pod = template.getSpec();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isNotNull().isPositive();
                for (Container container : pod.getContainers()) {
                    String where = kustomization + " " + name + "/" + container.getName();
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(container.getResources().getRequests()).as(where).containsKey(resource);
                        assertThat(container.getResources().getLimits()).as(where).containsKey(resource);
                    }
                    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
                    assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(where)
                            .contains("ALL");
                    if (!template.getMetadata().getLabels().getOrDefault("app.kubernetes.io/component", "")
                            .equals("setup")) {
                        assertThat(container.getReadinessProbe()).as(where).isNotNull();
                        assertThat(container.getLivenessProbe()).as(where).isNotNull();
                        probePorts(container).forEach(port -> assertThat(hasPort(container, port))
                                .as(where + " probes port " + port).isTrue());
                    }
                }
            });
            for (String service : StackComponents.SERVICES) {
                Container container = serviceContainer(kustomization, service);
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
                assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            }
        }
    }

    @Test
    void everyServicePortReachesAContainerPortOfThePodsItSelects() {
        for (String kustomization : KUSTOMIZATIONS) {
            Map<String, PodTemplateSpec> workloads = workloads(kustomization);
            for (Service service : typed(kustomization, Service.class)) {
                Map<String, String> selector = service.getSpec().getSelector();
                List<PodTemplateSpec> selected = workloads.values().stream()
                        .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                        .toList();
                String where = kustomization + " Service " + service.getMetadata().getName();
                assertThat(selected).as(where + " selects pods").isNotEmpty();
                for (PodTemplateSpec template : selected) {
                    for (ServicePort port : service.getSpec().getPorts()) {
                        List<ContainerPort> targets = template.getSpec().getContainers().stream()
                                .flatMap(c -> c.getPorts().stream())
                                .filter(p -> matches(port.getTargetPort(), p)).toList();
                        assertThat(targets).as(where + " port " + port.getName()).hasSize(1);
                        assertThat(targets.get(0).getContainerPort()).as(where + " port " + port.getName())
                                .isEqualTo(port.getPort());
                    }
                }
            }
            // the five services listen where the local stack and compose expect them
            for (int i = 0; i < StackComponents.SERVICES.size(); i++) {
                String name = StackComponents.SERVICES.get(i);
                assertThat(serviceContainer(kustomization, name).getPorts().get(0).getContainerPort()).as(name)
                        .isEqualTo(StackComponents.FIRST_SERVICE_PORT + i);
            }
        }
    }

    @Test
    void everyServiceIsGivenTheSettingsOfTheOneList() {
        for (String kustomization : KUSTOMIZATIONS) {
            Map<String, ConfigMap> configMaps = typed(kustomization, ConfigMap.class).stream()
                    .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
            for (String service : StackComponents.SERVICES) {
                Container container = serviceContainer(kustomization, service);
                List<String> given = new ArrayList<>(container.getEnv().stream().map(EnvVar::getName).toList());
                container.getEnvFrom().forEach(source -> given.addAll(Objects.requireNonNull(
                        configMaps.get(source.getConfigMapRef().getName()), source.getConfigMapRef().getName())
                        .getData().keySet()));
                assertThat(given).as(kustomization + " " + service).doesNotHaveDuplicates()
                        .containsAll(ServiceSettings.of(service).stream()
                                .map(ServiceSettings.Setting::environmentName).toList());
                // secrets come from Secrets, never from a value written in the manifest
                for (ServiceSettings.Setting secret : ServiceSettings.of(service).stream()
                        .filter(ServiceSettings.Setting::secret).toList()) {
                    EnvVar variable = container.getEnv().stream()
                            .filter(e -> e.getName().equals(secret.environmentName())).findFirst().orElseThrow();
                    assertThat(variable.getValue()).as(secret.property()).isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(secret.property()).isNotNull();
                }
            }
        }
    }

    @Test
    void theTopicsAreSharedSchemasTopics() {
        for (String kustomization : KUSTOMIZATIONS) {
            assertThat(typed(kustomization, KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName()))
                    .as(kustomization).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        }
    }

    @Test
    void eachKafkaUserHasExactlyTheRightsTheLocalStackGrants() {
        Set<String> granted = KafkaAcls.bindings().stream().map(KubernetesManifestsTest::describe)
                .collect(Collectors.toSet());
        for (String kustomization : KUSTOMIZATIONS) {
            Set<String> declared = new HashSet<>();
            RENDERED.get(kustomization).stream().filter(o -> o.path("kind").asText().equals("KafkaUser"))
                    .filter(o -> StackComponents.isService(o.at("/metadata/name").asText()))
                    .forEach(user -> user.at("/spec/authorization/acls").forEach(acl -> acl.get("operations")
                            .forEach(operation -> declared.add(String.join(" ", "User:" + user.at("/metadata/name")
                                    .asText(), acl.at("/resource/type").asText().toLowerCase(Locale.ROOT),
                                    acl.at("/resource/name").asText(), acl.at("/resource/patternType").asText(),
                                    operation.asText().toLowerCase(Locale.ROOT))))));
            assertThat(declared).as(kustomization).isEqualTo(granted);
        }
    }

    @Test
    void theDashboardsAndRulesAreObservabilitysOwnFiles() throws Exception {
        Path observability = REPO.resolve("observability");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode rules = yaml.readTree(observability.resolve("prometheus/rules/ocellus-alerts.yml").toFile());
        for (String kustomization : KUSTOMIZATIONS) {
            Map<String, ConfigMap> configMaps = typed(kustomization, ConfigMap.class).stream()
                    .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
            Map<String, String> expected = new LinkedHashMap<>();
            try (Stream<Path> dashboards = Files.list(observability.resolve("grafana/dashboards"))) {
                for (Path dashboard : dashboards.sorted().toList()) {
                    expected.put(dashboard.getFileName().toString(), Files.readString(dashboard));
                }
            }
            assertThat(expected).isNotEmpty();
            assertThat(configMaps.get("grafana-dashboards").getData()).as(kustomization).isEqualTo(expected);
            assertThat(configMaps.get("grafana-datasources").getData()).isEqualTo(Map.of("prometheus.yml",
                    Files.readString(observability.resolve("grafana/provisioning/datasources/prometheus.yml"))));
            assertThat(configMaps.get("grafana-dashboard-providers").getData()).isEqualTo(Map.of("ocellus.yml",
                    Files.readString(observability.resolve("grafana/provisioning/dashboards/ocellus.yml"))));

            assertThat(typed(kustomization, PrometheusRule.class)).hasSize(1);
            JsonNode rule = RENDERED.get(kustomization).stream()
                    .filter(o -> o.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow();
            assertThat(rule.at("/spec/groups")).as(kustomization + ": k8s/base/prometheus-rules.yaml holds "
                    + "observability/prometheus/rules/ocellus-alerts.yml's groups").isEqualTo(rules.get("groups"));
        }
    }

    @Test
    void theGpuOverlaysTrainersRunOnGpuNodesAndTheLocalOnesOnTheCpu() {
        Container gpu = serviceContainer("k8s/overlays/gpu", "trainer-service");
        assertThat(gpu.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(gpu.getImage()).endsWith(":gpu");
        assertThat(env(gpu, "OCELLUS_TRAINER_DEVICE")).isEqualTo("gpu");
        PodSpec pod = workloads("k8s/overlays/gpu").get("Deployment/trainer-service").getSpec();
        assertThat(pod.getNodeSelector()).containsKey("nvidia.com/gpu.present");
        assertThat(pod.getTolerations()).anyMatch(t -> t.getKey().equals("nvidia.com/gpu"));

        Container cpu = serviceContainer("k8s/overlays/local", "trainer-service");
        assertThat(cpu.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(env(cpu, "OCELLUS_TRAINER_DEVICE")).isEqualTo("cpu");
        for (String kustomization : KUSTOMIZATIONS) {
            for (String service : StackComponents.SERVICES) {
                if (!(kustomization.endsWith("gpu") && service.equals("trainer-service"))) {
                    assertThat(serviceContainer(kustomization, service).getResources().getLimits())
                            .as(kustomization + " " + service).doesNotContainKey("nvidia.com/gpu");
                }
            }
        }
    }

    @Test
    void kedaScalesTheModelServersOnTheirGroupsLagUpToOnePerPartition() {
        Map<String, String> groups = Map.of("inference-service", ConsumerGroups.INFERENCE,
                "detector-service", ConsumerGroups.DETECTOR);
        for (String kustomization : KUSTOMIZATIONS) {
            int partitions = typed(kustomization, KafkaTopic.class).stream()
                    .filter(t -> t.getSpec().getTopicName().equals(Topics.IMAGES_INGESTED)).findFirst()
                    .orElseThrow().getSpec().getPartitions();
            Set<String> authentications = typed(kustomization, KedaModel.TriggerAuthentication.class).stream()
                    .map(a -> a.metadata().getName()).collect(Collectors.toSet());
            List<KedaModel.ScaledObject> scaled = typed(kustomization, KedaModel.ScaledObject.class);
            assertThat(scaled.stream().map(s -> s.spec().scaleTargetRef().name())).as(kustomization)
                    .containsExactlyInAnyOrderElementsOf(groups.keySet());
            for (KedaModel.ScaledObject object : scaled) {
                String target = object.spec().scaleTargetRef().name();
                assertThat(names(kustomization, Deployment.class)).contains(target);
                assertThat(object.spec().minReplicaCount()).isEqualTo(1);
                assertThat(object.spec().maxReplicaCount()).isBetween(2, partitions);
                KedaModel.Trigger trigger = object.spec().triggers().get(0);
                assertThat(trigger.type()).isEqualTo("kafka");
                assertThat(trigger.metadata()).containsEntry("consumerGroup", groups.get(target))
                        .containsEntry("topic", Topics.IMAGES_INGESTED);
                assertThat(authentications).contains(trigger.authenticationRef().name());
            }
        }
    }

    @Test
    void networkPoliciesDenyByDefaultAndLetOnlyTheServicesUseTheStore() {
        for (String kustomization : KUSTOMIZATIONS) {
            List<NetworkPolicy> policies = typed(kustomization, NetworkPolicy.class);
            NetworkPolicy deny = policies.stream().filter(p -> p.getSpec().getIngress().isEmpty()).findFirst()
                    .orElseThrow(() -> new AssertionError(kustomization + ": no default-deny policy"));
            workloads(kustomization).forEach((name, template) -> assertThat(template.getMetadata().getLabels()
                    .entrySet()).as(name + " is under the default deny")
                    .containsAll(deny.getSpec().getPodSelector().getMatchLabels().entrySet()));
            NetworkPolicy store = policies.stream().filter(p -> "minio".equals(p.getSpec().getPodSelector()
                    .getMatchLabels().get("app.kubernetes.io/name"))).findFirst().orElseThrow();
            assertThat(store.getSpec().getIngress()).hasSize(1);
            assertThat(store.getSpec().getIngress().get(0).getFrom()).allSatisfy(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty();
            });
        }
    }

    private static String describe(AclBinding binding) {
        String type = binding.pattern().resourceType().name().replace("_", "").toLowerCase(Locale.ROOT);
        String pattern = switch (binding.pattern().patternType()) {
            case LITERAL -> "literal";
            case PREFIXED -> "prefix";
            default -> throw new IllegalArgumentException(binding.toString());
        };
        return String.join(" ", binding.entry().principal(), type, binding.pattern().name(), pattern,
                binding.entry().operation().name().toLowerCase(Locale.ROOT));
    }

    private static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + object.at("/metadata/name").asText();
    }

    private static <T> List<T> typed(String kustomization, Class<T> type) {
        return TYPED.get(kustomization).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> names(String kustomization, Class<? extends HasMetadata> type) {
        return typed(kustomization, type).stream().map(o -> o.getMetadata().getName()).toList();
    }

    /** Every pod template, by kind and name. */
    private static Map<String, PodTemplateSpec> workloads(String kustomization) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        typed(kustomization, Deployment.class).forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(),
                d.getSpec().getTemplate()));
        typed(kustomization, StatefulSet.class).forEach(s -> templates.put("StatefulSet/"
                + s.getMetadata().getName(), s.getSpec().getTemplate()));
        typed(kustomization, Job.class).forEach(j -> templates.put("Job/" + j.getMetadata().getName(),
                j.getSpec().getTemplate()));
        return templates;
    }

    private static Container serviceContainer(String kustomization, String service) {
        return workloads(kustomization).get("Deployment/" + service).getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(service)).findFirst().orElseThrow();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    private static List<IntOrString> probePorts(Container container) {
        return Stream.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())
                .filter(Objects::nonNull).map(Probe::getHttpGet).filter(Objects::nonNull)
                .map(get -> get.getPort()).toList();
    }

    private static boolean hasPort(Container container, IntOrString port) {
        return container.getPorts().stream().anyMatch(p -> matches(port, p));
    }

    private static boolean matches(IntOrString reference, ContainerPort port) {
        return reference.getStrVal() != null ? reference.getStrVal().equals(port.getName())
                : reference.getIntVal().equals(port.getContainerPort());
    }
}
