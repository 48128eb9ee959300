package io.ocellus.commons.messaging;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.time.Duration;
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
    /** How much work, at most, a channel takes off the broker at a time (one poll; the connector queues two). */
    static final Duration POLL_WORK = Duration.ofSeconds(30);
    private static final int MAX_POLL_RECORDS = 500;

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
            // results are published in transactions (TransactionalStream): only committed ones count
            properties.put(prefix + "isolation.level", "read_committed");
            // under a steady stream, fetch records in batches instead of one fetch round trip per record: a
            // consumer then costs the broker and itself a fraction of the CPU, for at most FETCH_MAX_WAIT_MS
            // of added latency when traffic is light
            properties.put(prefix + "fetch.min.bytes", String.valueOf(FETCH_MIN_BYTES));
            properties.put(prefix + "fetch.max.wait.ms", String.valueOf(FETCH_MAX_WAIT_MS));
            // a slow record (a detection takes up to 8 s) must not leave hundreds of records waiting behind it:
            // a poll brings about POLL_WORK of processing, however long each record takes
            properties.put(prefix + "max.poll.records", String.valueOf(maxPollRecords(binding.recordCost())));
            // the connector's age limit stops a channel for good when a record stays unfinished for a minute, and a
            // record legitimately does while IncomingEvents waits out a store or broker outage; IncomingEvents
            // bounds every wait itself, and ConsumerProgressCheck reports a stalled consumer in readiness
            properties.put(prefix + "throttled.unprocessed-record-max-age.ms", "0");
            // IncomingEvents retries, dead-letters or waits and never throws but at shutdown, when the record
            // must stay uncommitted: then, and only then, the channel stops
            properties.put(prefix + "failure-strategy", "fail");
        }
    }

    /** Sets one more connector attribute of an incoming channel, for what only one service needs. */
    protected void set(String channel, String attribute, String value) {
        properties.put("mp.messaging.incoming." + channel + "." + attribute, value);
    }

    /** Records per poll for a channel whose records take up to {@code cost} each. */
    public static int maxPollRecords(Duration cost) {
        long perPoll = POLL_WORK.toMillis() / Math.max(1, cost.toMillis());
        return (int) Math.max(1, Math.min(MAX_POLL_RECORDS, perPoll));
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
