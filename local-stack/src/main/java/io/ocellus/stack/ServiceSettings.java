package io.ocellus.stack;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The settings a deployment gives each service: where Kafka, the store and the token key are, and the logins for
 * them. This is the one list the local stack, docker-compose.yml and k8s/ all set (tests check compose and the
 * rendered k8s objects against it); everything else a service reads has a default in its application.properties.
 */
public final class ServiceSettings {

    /**
     * One setting. {@code secret} ones travel in the environment, never on a command line; {@code peer} names the
     * service a setting points at, which a deployment without that service leaves out (null when always set).
     */
    public record Setting(String property, boolean secret, Set<String> services, String peer) {

        public String environmentName() {
            return ServiceSettings.environmentName(property);
        }

        public boolean appliesTo(String service) {
            return services.contains(service);
        }
    }

    private static final Set<String> EVERY_SERVICE = Set.copyOf(StackComponents.SERVICES);

    public static final Setting KAFKA_BOOTSTRAP = everyService("kafka.bootstrap.servers", false);
    public static final Setting KAFKA_PROTOCOL = everyService("kafka.security.protocol", false);
    public static final Setting KAFKA_MECHANISM = everyService("kafka.sasl.mechanism", false);
    public static final Setting KAFKA_LOGIN = everyService("kafka.sasl.jaas.config", true);
    public static final Setting S3_ENDPOINT = everyService("ocellus.s3.endpoint", false);
    public static final Setting S3_ACCESS_KEY = everyService("ocellus.s3.access-key", false);
    public static final Setting S3_SECRET_KEY = everyService("ocellus.s3.secret-key", true);
    public static final Setting TOKEN_KEY = everyService("mp.jwt.verify.publickey.location", false);
    public static final Setting TOKEN_ISSUER = everyService("mp.jwt.verify.issuer", false);
    /** monitor-service's page forwards uploads to ingest-service. */
    public static final Setting MONITOR_INGEST_URL = new Setting("ocellus.monitor.ingest-url", false,
            Set.of("monitor-service"), "ingest-service");

    /**
     * The model detector-service searches streamed images with: {@code demo}, the one {@code ./ocellus demo}
     * trains, unless the deployment names another ({@code OCELLUS_DETECTOR_MODEL} for the local stack).
     */
    public static final Setting DETECTOR_MODEL = new Setting("ocellus.detector.model", false,
            Set.of("detector-service"), null);
    public static final String DEFAULT_DETECTOR_MODEL = "demo";

    public static final List<Setting> ALL = List.of(KAFKA_BOOTSTRAP, KAFKA_PROTOCOL, KAFKA_MECHANISM, KAFKA_LOGIN,
            S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, TOKEN_KEY, TOKEN_ISSUER, MONITOR_INGEST_URL, DETECTOR_MODEL);

    private ServiceSettings() {
    }

    /** The variable SmallRye Config reads a property from: upper case, every other character an underscore. */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The settings one service is given, in the order of {@link #ALL}. */
    public static List<Setting> of(String service) {
        return ALL.stream().filter(setting -> setting.appliesTo(service)).toList();
    }

    private static Setting everyService(String property, boolean secret) {
        return new Setting(property, secret, EVERY_SERVICE, null);
    }
}
