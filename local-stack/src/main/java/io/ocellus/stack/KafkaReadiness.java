package io.ocellus.stack;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** Kafka is ready when an AdminClient's describeCluster lists a broker. One client is reused across polls. */
public final class KafkaReadiness implements ReadinessProbe {

    private final String bootstrap;
    private final Map<String, Object> security;
    private Admin admin;

    public KafkaReadiness(String bootstrap, Map<String, Object> security) {
        this.bootstrap = bootstrap;
        this.security = security;
    }

    /** An admin client's settings, authenticated with {@code security} (empty for an open broker). */
    static Map<String, Object> adminConfig(String bootstrap, Map<String, Object> security) {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig(bootstrap));
        config.putAll(security);
        return config;
    }

    static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "ocellus-cli",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000);
    }

    @Override
    public Result check() {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig(bootstrap, security));
            }
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500))
                    .nodes().get(3, TimeUnit.SECONDS);
            return nodes.isEmpty() ? Result.notReady("no broker registered yet") : Result.ok();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.notReady("interrupted");
        } catch (Exception e) {
            return Result.notReady("describeCluster on " + bootstrap + ": " + ReadinessProbe.describe(e));
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }
}
