package io.ocellus.inference.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;

import java.util.List;

/** The topics inference-service consumes, in its own consumer group. */
public class InferenceChannelBindings extends ChannelBindingsConfigSource {

    public InferenceChannelBindings() {
        super(List.of(
                new ChannelBinding(Channels.INFERENCE_IMAGES_INGESTED, Topics.IMAGES_INGESTED, ConsumerGroups.INFERENCE),
                new ChannelBinding(Channels.SERVED_MODELS_PUBLISHED, Topics.MODELS_PUBLISHED,
                        ConsumerGroups.INFERENCE),
                new ChannelBinding(Channels.SERVED_MODELS_PROMOTED, Topics.MODELS_PROMOTED,
                        ConsumerGroups.INFERENCE)));
    }
}
