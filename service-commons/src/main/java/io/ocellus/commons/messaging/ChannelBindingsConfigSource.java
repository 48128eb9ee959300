package io.ocellus.commons.messaging;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a service's channel bindings into SmallRye Kafka configuration, so that topic and group names come from
 * the constants in shared-schema and never appear as literals in a service's properties. Each service subclasses
 * this with its own bindings and registers it under {@code META-INF/services}. Its ordinal sits below
 * application.properties, which may still override any entry.
 */
public abstract class ChannelBindingsConfigSource implements ConfigSource {

    private static final int ORDINAL = 200;
    private static final int FETCH_MIN_BYTES = 16 * 1024;
    private static final int FETCH_MAX_WAIT_MS = 100;

    private final Map<String, String> properties = new HashMap<>();

    protected ChannelBindingsConfigSource(List<ChannelBinding> bindings) {
        for (ChannelBinding binding : bindings) {
            String prefix = "mp.messaging.incoming." + binding.channel() + ".";
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", binding.topic());
            properties.put(prefix + "group.id", binding.consumerGroup());
            properties.put(prefix + "key.deserializer", StringDeserializer.class.getName());
            properties.put(prefix + "value.deserializer", ByteArrayDeserializer.class.getName());
            // a consumer group that starts late still sees every event published before it joined
            properties.put(prefix + "auto.offset.reset", "earliest");
            // under a steady stream, fetch records in batches instead of one fetch round trip per record: a
            // consumer then costs the broker and itself a fraction of the CPU, for at most FETCH_MAX_WAIT_MS
            // of added latency when traffic is light
            properties.put(prefix + "fetch.min.bytes", String.valueOf(FETCH_MIN_BYTES));
            properties.put(prefix + "fetch.max.wait.ms", String.valueOf(FETCH_MAX_WAIT_MS));
            // IncomingEvents dead-letters every record it cannot use, so only a failing broker reaches the
            // connector: then the channel stops, liveness goes DOWN and the uncommitted record is redelivered
            // after a restart rather than lost
            properties.put(prefix + "failure-strategy", "fail");
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
