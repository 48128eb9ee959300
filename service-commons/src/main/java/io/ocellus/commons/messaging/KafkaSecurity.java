package io.ocellus.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How this service logs in to the broker, for the Kafka clients it makes itself (the event publisher, readiness,
 * lag, replay); the messaging channels take the same {@code kafka.*} settings on their own. Nothing is set against
 * an open broker (tests); the local stack and the cluster give each service its own SCRAM user, its password in
 * {@code KAFKA_SASL_JAAS_CONFIG}.
 */
@ApplicationScoped
public class KafkaSecurity {

    private final Map<String, Object> settings = new HashMap<>();

    public KafkaSecurity(@ConfigProperty(name = "kafka.security.protocol") Optional<String> protocol,
                         @ConfigProperty(name = "kafka.sasl.mechanism") Optional<String> mechanism,
                         @ConfigProperty(name = "kafka.sasl.jaas.config") Optional<String> jaas) {
        protocol.ifPresent(value -> settings.put("security.protocol", value));
        mechanism.ifPresent(value -> settings.put("sasl.mechanism", value));
        jaas.ifPresent(value -> settings.put("sasl.jaas.config", value));
    }

    /** {@code config} with this service's login added. */
    public Map<String, Object> with(Map<String, Object> config) {
        Map<String, Object> secured = new HashMap<>(config);
        secured.putAll(settings);
        return secured;
    }
}
