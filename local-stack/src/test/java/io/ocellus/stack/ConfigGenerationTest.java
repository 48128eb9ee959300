package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigGenerationTest {

    @TempDir
    Path stateDir;

    private StackLayout layout() {
        return new StackLayout(Path.of(".."), stateDir);
    }

    private static Properties properties(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static final KafkaCredentials USERS = new KafkaCredentials(Map.of(KafkaCredentials.ADMIN, "adm1n",
            "ingest-service", "1ngest", "trainer-service", "tr41ner", "inference-service", "1nference",
            "detector-service", "detect0r", "monitor-service", "m0nitor"));

    @Test
    void kafkaIsASingleKraftNodeOnLoopbackSizedForOneReplica() throws Exception {
        Properties kafka = properties(KafkaServer.serverProperties(Path.of("/data/kafka"), 19092, 19093, USERS));

        assertThat(kafka).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "SASL_PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:19092")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("super.users", "User:ocellus-admin")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/data/kafka")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "true");
        assertThat(properties(KafkaServer.log4jConfig())).containsEntry("rootLogger.level", "INFO");
    }

    @Test
    void s3ProxyUsesTheFilesystemBackendAndSignedRequests() throws Exception {
        S3Credentials credentials = new S3Credentials("ocellus", "s3cr3t");
        Properties s3 = properties(S3Server.configuration(19000, credentials, Path.of("/data/s3")));

        assertThat(s3).containsEntry("s3proxy.endpoint", "http://127.0.0.1:19000")
                .containsEntry("s3proxy.authorization", "aws-v2-or-v4")
                .containsEntry("s3proxy.identity", "ocellus")
                .containsEntry("s3proxy.credential", "s3cr3t")
                .containsEntry("jclouds.provider", "filesystem")
                .containsEntry("jclouds.filesystem.basedir", "/data/s3");
    }

    @Test
    void s3CredentialsAreGeneratedOnceAndOwnerOnly() throws Exception {
        S3Credentials first = S3Credentials.loadOrCreate(layout());
        S3Credentials second = S3Credentials.loadOrCreate(layout());

        assertThat(first.accessKey()).isEqualTo("ocellus");
        assertThat(first.secretKey()).hasSize(40).matches("[0-9a-f]+");
        assertThat(second).isEqualTo(first);
        assertThat(first.toString()).doesNotContain(first.secretKey());
        assertThat(Files.getPosixFilePermissions(S3Credentials.file(layout())))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        new S3Server(layout(), 19000, first).writeConfig();
        assertThat(Files.getPosixFilePermissions(layout().configDir().resolve(S3Server.CONFIG_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void prometheusScrapesEveryServiceEveryFiveSecondsWithOneJobEach() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("ingest-service", 18081);
        ports.put("monitor-service", 18085);
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(PrometheusServer.configuration(ports,
                Path.of("/repo/rules.yml")));

        assertThat(yaml.at("/global/scrape_interval").asText()).isEqualTo("5s");
        assertThat(yaml.at("/rule_files/0").asText()).isEqualTo("/repo/rules.yml");
        JsonNode jobs = yaml.get("scrape_configs");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).get("job_name").asText()).isEqualTo("ingest-service");
        assertThat(jobs.get(0).get("metrics_path").asText()).isEqualTo("/q/metrics");
        assertThat(jobs.get(0).at("/static_configs/0/targets/0").asText()).isEqualTo("127.0.0.1:18081");
        assertThat(jobs.get(1).at("/static_configs/0/targets/0").asText()).isEqualTo("127.0.0.1:18085");
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(PrometheusServer.configuration(Map.of(),
                        Path.of("/repo/rules.yml")))
                .get("scrape_configs")).isEmpty();
    }

    @Test
    void everyServiceGetsEachSettingOfTheOneList() {
        S3Credentials credentials = new S3Credentials("ocellus", "topsecret");
        for (String name : StackComponents.SERVICES) {
            LaunchSpec service = new ServiceProcess(layout(), name, 18081).launchSpec("127.0.0.1:19092", USERS,
                    "http://127.0.0.1:19000", credentials, stateDir.resolve("config/jwt/verify-key.pem"),
                    Map.of(ServiceSettings.MONITOR_INGEST_URL.property(), "http://127.0.0.1:18081"));
            List<String> given = new ArrayList<>(service.environment().keySet());
            service.command().stream().filter(argument -> argument.startsWith("-D"))
                    .map(argument -> ServiceSettings.environmentName(argument.substring(2, argument.indexOf('='))))
                    .forEach(given::add);
            assertThat(given).as(name).containsAll(ServiceSettings.of(name).stream()
                    .map(ServiceSettings.Setting::environmentName).toList());
            ServiceSettings.of(name).stream().filter(ServiceSettings.Setting::secret).forEach(secret ->
                    assertThat(service.environment()).as(name).containsKey(secret.environmentName()));
        }
    }

    @Test
    void childCommandsCarryTheirSignatureAndBindToLoopback() {
        S3Credentials credentials = new S3Credentials("ocellus", "topsecret");
        LaunchSpec service = new ServiceProcess(layout(), "ingest-service", 18081)
                .launchSpec("127.0.0.1:19092", USERS, "http://127.0.0.1:19000", credentials,
                        stateDir.resolve("config/jwt/verify-key.pem"));

        assertThat(service.command()).contains("-Xmx384m", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=18081", "-Dkafka.bootstrap.servers=127.0.0.1:19092",
                "-Docellus.s3.endpoint=http://127.0.0.1:19000", "-Docellus.s3.access-key=ocellus",
                "-Dmp.jwt.verify.publickey.location=" + stateDir.resolve("config/jwt/verify-key.pem").toAbsolutePath()
                        .normalize(),
                "-Dmp.jwt.verify.issuer=ocellus-local")
                .containsAll(ProcessSignature.forComponent("ingest-service", layout()).requiredArguments());
        assertThat(String.join(" ", service.command())).doesNotContain("topsecret").doesNotContain("1ngest");
        assertThat(service.command()).contains("-Dkafka.security.protocol=SASL_PLAINTEXT",
                "-Dkafka.sasl.mechanism=SCRAM-SHA-512");
        assertThat(service.environment()).containsEntry(ServiceSettings.S3_SECRET_KEY.environmentName(), "topsecret");
        assertThat(service.environment().get(ServiceSettings.KAFKA_LOGIN.environmentName()))
                .contains("username=\"ingest-service\"", "password=\"1ngest\"");
        assertThat(service.command().subList(service.command().size() - 2, service.command().size()))
                .containsExactly("-jar", layout().serviceJar("ingest-service").toString());

        LaunchSpec kafka = new KafkaServer(layout(), 19092, 19093, USERS).launchSpec();
        assertThat(kafka.command()).contains("-Xmx512m", "kafka.Kafka")
                .containsAll(ProcessSignature.forComponent("kafka", layout()).requiredArguments());
        assertThat(kafka.url()).isEqualTo("127.0.0.1:19092");

        LaunchSpec prometheus = new PrometheusServer(layout(), Path.of("/usr/bin/prometheus"), 19090, Map.of())
                .launchSpec();
        assertThat(prometheus.command()).contains("--web.listen-address=127.0.0.1:19090")
                .containsAll(ProcessSignature.forComponent("prometheus", layout()).requiredArguments());
        assertThat(List.of(kafka, prometheus)).allMatch(spec -> spec.workingDirectory().equals(layout().stateDir()));
    }
}
