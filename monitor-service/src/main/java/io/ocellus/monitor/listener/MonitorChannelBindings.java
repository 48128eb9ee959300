package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;

import java.util.List;

/** The topics monitor-service watches — every Ocellus topic — all in its own consumer group. */
public class MonitorChannelBindings extends ChannelBindingsConfigSource {

    public MonitorChannelBindings() {
        super(List.of(
                binding(Channels.MONITOR_IMAGES_INGESTED, Topics.IMAGES_INGESTED),
                binding(Channels.MONITOR_TRAINING_REQUESTED, Topics.TRAINING_REQUESTED),
                binding(Channels.MONITOR_TRAINING_CANCELS, Topics.TRAINING_CANCELS),
                binding(Channels.MONITOR_TRAINING_PROGRESS, Topics.TRAINING_PROGRESS),
                binding(Channels.MONITOR_MODELS_PUBLISHED, Topics.MODELS_PUBLISHED),
                binding(Channels.MONITOR_MODELS_PROMOTED, Topics.MODELS_PROMOTED),
                binding(Channels.MONITOR_CLASSIFICATIONS, Topics.CLASSIFICATIONS),
                binding(Channels.MONITOR_DETECTIONS, Topics.DETECTIONS),
                binding(Channels.MONITOR_DEAD_LETTERS, Topics.DEAD_LETTERS)));
    }

    private static ChannelBinding binding(String channel, String topic) {
        return new ChannelBinding(channel, topic, ConsumerGroups.MONITOR);
    }
}
