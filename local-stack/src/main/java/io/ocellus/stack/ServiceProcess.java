package io.ocellus.stack;

import io.ocellus.stack.token.JwtKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One packaged Quarkus service ({@code <service>/target/quarkus-app/quarkus-run.jar}) wired to the local stack. */
public final class ServiceProcess {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final int COMMON_POOL_PARALLELISM = 4;

    private final StackLayout layout;
    private final String name;
    private final int port;

    public ServiceProcess(StackLayout layout, String name, int port) {
        this.layout = layout;
        this.name = name;
        this.port = port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public static String healthUrl(String url) {
        return url + "/q/health/ready";
    }

    public static String metricsUrl(String url) {
        return url + "/q/metrics";
    }

    /**
     * The trainer holds a network, its batches and a data set's labels on the heap; the preprocessed images are
     * spooled to disk and tensors live outside the heap. The other services stream and need little.
     */
    String maxHeap() {
        return name.equals("trainer-service") ? "2g" : "384m";
    }

    public boolean jarExists() {
        return Files.isRegularFile(layout.serviceJar(name));
    }

    /**
     * @param verifyKey the stack's JWT public key (PEM); every service checks bearer tokens against it and
     *                  against the local issuer, so tokens from {@code ./ocellus token} work on all of them
     */
    public LaunchSpec launchSpec(String kafkaBootstrap, KafkaCredentials kafkaUsers, String s3Endpoint,
            S3Credentials credentials, Path verifyKey) {
        return launchSpec(kafkaBootstrap, kafkaUsers, s3Endpoint, credentials, verifyKey, Map.of());
    }

    /**
     * As above, plus settings that point at other services ({@link ServiceSettings.Setting#peer()}), present when
     * the stack runs that service.
     */
    public LaunchSpec launchSpec(String kafkaBootstrap, KafkaCredentials kafkaUsers, String s3Endpoint,
            S3Credentials credentials, Path verifyKey, Map<String, String> peerSettings) {
        Map<String, String> values = new HashMap<>(peerSettings);
        values.put(ServiceSettings.KAFKA_BOOTSTRAP.property(), kafkaBootstrap);
        values.put(ServiceSettings.KAFKA_PROTOCOL.property(), KafkaCredentials.PROTOCOL);
        values.put(ServiceSettings.KAFKA_MECHANISM.property(), KafkaCredentials.MECHANISM);
        values.put(ServiceSettings.KAFKA_LOGIN.property(), kafkaUsers.jaas(name));
        values.put(ServiceSettings.S3_ENDPOINT.property(), s3Endpoint);
        values.put(ServiceSettings.S3_ACCESS_KEY.property(), credentials.accessKey());
        values.put(ServiceSettings.S3_SECRET_KEY.property(), credentials.secretKey());
        values.put(ServiceSettings.TOKEN_KEY.property(), verifyKey.toAbsolutePath().normalize().toString());
        values.put(ServiceSettings.TOKEN_ISSUER.property(), JwtKeys.ISSUER);
        String detectorModel = System.getenv(ServiceSettings.DETECTOR_MODEL.environmentName());
        values.put(ServiceSettings.DETECTOR_MODEL.property(), detectorModel == null || detectorModel.isBlank()
                ? ServiceSettings.DEFAULT_DETECTOR_MODEL : detectorModel);

        JavaCommand java = JavaCommand.forComponent(name, layout, maxHeap());
        // the object-store client runs each call as a task of the common fork-join pool; on two cores that pool
        // has a single worker, and CompletableFuture then starts a new thread for every task instead
        java.systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", COMMON_POOL_PARALLELISM);
        java.systemProperty("quarkus.http.host", "127.0.0.1").systemProperty("quarkus.http.port", port);
        Map<String, String> environment = new LinkedHashMap<>();
        for (ServiceSettings.Setting setting : ServiceSettings.of(name)) {
            String value = values.get(setting.property());
            if (value == null) {
                if (setting.peer() != null) {
                    continue;
                }
                throw new IllegalStateException("no value for " + setting.property() + " of " + name);
            }
            // secrets go in the environment, which other users cannot read, never on the command line
            if (setting.secret()) {
                environment.put(setting.environmentName(), value);
            } else {
                java.systemProperty(setting.property(), value);
            }
        }
        List<String> command = java.arguments("-jar", layout.serviceJar(name).toString()).build();
        return new LaunchSpec(name, url(), port, command, environment, layout.repoRoot(),
                ReadinessProbe.httpStatus(URI.create(healthUrl(url())), 200), READY_TIMEOUT);
    }
}
