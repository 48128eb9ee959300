package io.ocellus.commons.health;

import io.ocellus.commons.messaging.KafkaSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Ready when the Kafka cluster answers within a bounded time. A probe must answer quickly even when the broker is
 * gone: an unbounded admin call would hold the probe for a minute.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final String bootstrapServers;
    private final Duration timeout;
    private final KafkaSecurity security;
    private volatile Admin admin;

    public KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                               @ConfigProperty(name = "ocellus.kafka.health-timeout", defaultValue = "3s")
                               Duration timeout, KafkaSecurity security) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.security = security;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka broker")
                .withData("bootstrap.servers", bootstrapServers);
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return response.up().withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port())
                    .collect(Collectors.joining(","))).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            String reason = e.getCause() != null ? e.getCause().toString() : e.toString();
            return response.down().withData("reason", "no answer from Kafka within " + timeout.toMillis()
                    + " ms: " + reason).build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    int millis = (int) timeout.toMillis();
                    admin = Admin.create(security.with(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "ocellus-readiness",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis)));
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
