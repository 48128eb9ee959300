package io.ocellus.monitor.kafka;

import io.ocellus.commons.messaging.KafkaSecurity;
import io.ocellus.monitor.domain.ModelBoard;
import io.ocellus.monitor.domain.RecentResults;
import io.ocellus.monitor.domain.TrainingHistory;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rebuilds what the page and the REST API show — jobs and their curves, models, recent results — from the topics
 * when monitor-service starts, so that a restart forgets nothing: the live consumers go on from their committed
 * offsets and feed the metrics, while this reads each topic once from its beginning (the result topics only their
 * last records, as many as are kept) up to where it ended at start. Applying an event twice changes nothing, so the
 * overlap with the live consumers is harmless. Records that break their contract are skipped here; the live
 * consumers dead-letter them.
 */
@ApplicationScoped
public class HistoryReplay {

    private static final Logger LOG = Logger.getLogger(HistoryReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final TrainingHistory history;
    private final ModelBoard board;
    private final RecentResults recent;
    private final String bootstrapServers;
    private final int recentResults;
    private final boolean enabled;
    private final KafkaSecurity security;

    public HistoryReplay(TrainingHistory history, ModelBoard board, RecentResults recent, KafkaSecurity security,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @ConfigProperty(name = "ocellus.monitor.recent-results", defaultValue = "50")
                         int recentResults,
                         @ConfigProperty(name = "ocellus.monitor.replay-on-start", defaultValue = "true")
                         boolean enabled) {
        this.history = history;
        this.board = board;
        this.recent = recent;
        this.bootstrapServers = bootstrapServers;
        this.recentResults = recentResults;
        this.enabled = enabled;
        this.security = security;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Thread replay = new Thread(this::replayQuietly, "history-replay");
        replay.setDaemon(true);
        replay.start();
    }

    private void replayQuietly() {
        long started = System.nanoTime();
        try {
            int events = replay();
            LOG.infof("history rebuilt from %d events on the topics in %d ms", events,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // the broker may be down at start: the live consumers still fill the history from now on
            LOG.warnf("history not rebuilt from the topics: %s", e.getMessage());
        }
    }

    /** Reads every history topic up to its end at this moment; returns how many events were applied. */
    public int replay() {
        int applied = 0;
        applied += read(Topics.TRAINING_REQUESTED, TrainingRequested.class, Long.MAX_VALUE, history::record);
        applied += read(Topics.TRAINING_PROGRESS, TrainingProgress.class, Long.MAX_VALUE, history::record);
        applied += read(Topics.MODELS_PUBLISHED, ModelPublished.class, Long.MAX_VALUE, board::record);
        applied += read(Topics.MODELS_PROMOTED, ModelPromoted.class, Long.MAX_VALUE, board::record);
        applied += read(Topics.CLASSIFICATIONS, ImageClassified.class, recentResults, recent::record);
        applied += read(Topics.DETECTIONS, ObjectsDetected.class, recentResults, recent::record);
        return applied;
    }

    /** Applies the topic's events, at most the last {@code last} of each partition, in offset order. */
    private <T> int read(String topic, Class<T> type, long last, Consumer<T> apply) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(security.with(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "ocellus-monitor-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - last));
            }
            int applied = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(topic, record.partition()))) {
                        continue;
                    }
                    try {
                        apply.accept(EventSerde.instance().deserialize(record.value(), type));
                        applied++;
                    } catch (InvalidEventException e) {
                        // dead-lettered by the live consumer; nothing to show for it
                    }
                }
            }
            return applied;
        }
    }
}
