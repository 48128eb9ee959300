package io.ocellus.detector.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;

import java.util.List;

/** The topics detector-service consumes, in its own consumer group. */
public class DetectorChannelBindings extends ChannelBindingsConfigSource {

    public DetectorChannelBindings() {
        super(List.of(
                new ChannelBinding(Channels.DETECTOR_IMAGES_INGESTED, Topics.IMAGES_INGESTED, ConsumerGroups.DETECTOR),
                new ChannelBinding(Channels.SERVED_MODELS_PUBLISHED, Topics.MODELS_PUBLISHED,
                        ConsumerGroups.DETECTOR),
                new ChannelBinding(Channels.SERVED_MODELS_PROMOTED, Topics.MODELS_PROMOTED,
                        ConsumerGroups.DETECTOR)));
    }
}
