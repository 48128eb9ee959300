package io.ocellus.monitor.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.messaging.KafkaSecurity;
import io.ocellus.schema.ConsumerGroups;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Consumer lag of every Ocellus group, per topic, from the Kafka admin API: the records between a group's committed
 * offsets and the end of each partition, summed over partitions, as {@code ocellus_kafka_consumer_lag_records}.
 * A group that has committed nothing yet has no series.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 10;

    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final KafkaSecurity security;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private Admin admin;

    public ConsumerLag(MeterRegistry registry,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       KafkaSecurity security) {
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    @Scheduled(every = "${ocellus.monitor.lag-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        for (String group : ConsumerGroups.ALL) {
            try {
                lagPerTopic(group).forEach((topic, lag) -> gauge(group, topic).set(lag));
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf("consumer lag of %s not measured this time: %s", group, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The lag of one group, per topic. */
    public Map<String, Long> lagPerTopic(String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        if (ends.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin().listOffsets(ends).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> lag = new HashMap<>();
        committed.forEach((partition, offset) -> {
            ListOffsetsResult.ListOffsetsResultInfo last = end.get(partition);
            if (offset != null && last != null) {
                lag.merge(partition.topic(), Math.max(0, last.offset() - offset.offset()), Long::sum);
            }
        });
        return lag;
    }

    /** The last measured lag of each group on each topic, for the page. */
    public List<GroupLag> snapshot() {
        List<GroupLag> all = new ArrayList<>();
        lags.forEach((key, value) -> {
            String[] parts = key.split("\n", 2);
            all.add(new GroupLag(parts[0], parts[1], value.get()));
        });
        all.sort(Comparator.comparing(GroupLag::group).thenComparing(GroupLag::topic));
        return all;
    }

    /** Records a group has not consumed yet on a topic. */
    public record GroupLag(String group, String topic, long records) {
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(group + "\n" + topic, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("ocellus.kafka.consumer.lag.records", value, AtomicLong::get)
                    .description("Records not yet consumed by a group, per topic")
                    .tags("group", group, "topic", topic).register(registry);
            return value;
        });
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(security.with(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "ocellus-monitor-lag")));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
