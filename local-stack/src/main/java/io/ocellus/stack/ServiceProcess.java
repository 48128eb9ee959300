package io.ocellus.stack;

import io.ocellus.stack.token.JwtKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One packaged Quarkus service ({@code <service>/target/quarkus-app/quarkus-run.jar}) wired to the local stack. */
public final class ServiceProcess {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** SmallRye Config maps this variable to {@code ocellus.s3.secret-key}; it keeps the secret out of {@code ps}. */
    static final String SECRET_KEY_ENV = "OCELLUS_S3_SECRET_KEY";
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
     * The trainer keeps a preprocessed data set in memory (Fashion-MNIST's 70,000 images are about 220 MB of
     * floats); tensors live outside the heap. The other services stream and need little.
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
    /** Kafka login of the service as its own user (kafka.sasl.jaas.config). */
    static final String KAFKA_JAAS_ENV = "KAFKA_SASL_JAAS_CONFIG";

    public LaunchSpec launchSpec(String kafkaBootstrap, KafkaCredentials kafkaUsers, String s3Endpoint,
            S3Credentials credentials, Path verifyKey) {
        return launchSpec(kafkaBootstrap, kafkaUsers, s3Endpoint, credentials, verifyKey, Map.of());
    }

    /** As above, plus this service's own settings (such as where a service it calls listens). */
    public LaunchSpec launchSpec(String kafkaBootstrap, KafkaCredentials kafkaUsers, String s3Endpoint,
            S3Credentials credentials, Path verifyKey, Map<String, String> properties) {
        JavaCommand java = JavaCommand.forComponent(name, layout, maxHeap());
        properties.forEach(java::systemProperty);
        // the object-store client runs each call as a task of the common fork-join pool; on two cores that pool
        // has a single worker, and CompletableFuture then starts a new thread for every task instead
        java.systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", COMMON_POOL_PARALLELISM);
        List<String> command = java
                .systemProperty("quarkus.http.host", "127.0.0.1")
                .systemProperty("quarkus.http.port", port)
                .systemProperty("kafka.bootstrap.servers", kafkaBootstrap)
                .systemProperty("kafka.security.protocol", KafkaCredentials.PROTOCOL)
                .systemProperty("kafka.sasl.mechanism", KafkaCredentials.MECHANISM)
                .systemProperty("ocellus.s3.endpoint", s3Endpoint)
                .systemProperty("ocellus.s3.access-key", credentials.accessKey())
                .systemProperty("mp.jwt.verify.publickey.location", verifyKey.toAbsolutePath().normalize())
                .systemProperty("mp.jwt.verify.issuer", JwtKeys.ISSUER)
                .arguments("-jar", layout.serviceJar(name).toString())
                .build();
        // secrets go in the environment, which other users cannot read, never on the command line
        return new LaunchSpec(name, url(), port, command, Map.of(SECRET_KEY_ENV, credentials.secretKey(),
                KAFKA_JAAS_ENV, kafkaUsers.jaas(name)),
                layout.repoRoot(), ReadinessProbe.httpStatus(URI.create(healthUrl(url())), 200), READY_TIMEOUT);
    }
}
