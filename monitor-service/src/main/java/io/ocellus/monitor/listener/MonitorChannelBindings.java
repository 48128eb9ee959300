package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;

import java.util.List;

/** The topics monitor-service watches, all in its own consumer group. */
public class MonitorChannelBindings extends ChannelBindingsConfigSource {

    public MonitorChannelBindings() {
        super(List.of(new ChannelBinding(Channels.MONITOR_IMAGES_INGESTED, Topics.IMAGES_INGESTED,
                ConsumerGroups.MONITOR)));
    }
}
