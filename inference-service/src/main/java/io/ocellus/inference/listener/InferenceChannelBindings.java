package io.ocellus.inference.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;

import java.time.Duration;
import java.util.List;

/** The registry topics inference-service follows, in its own consumer group (images come by ImageIngestedListener). */
public class InferenceChannelBindings extends ChannelBindingsConfigSource {

    /** Fetching, checking and opening a model session. */
    private static final Duration MODEL_LOAD = Duration.ofSeconds(2);

    public InferenceChannelBindings() {
        super(List.of(
                new ChannelBinding(Channels.SERVED_MODELS_PUBLISHED, Topics.MODELS_PUBLISHED,
                        ConsumerGroups.INFERENCE, MODEL_LOAD),
                new ChannelBinding(Channels.SERVED_MODELS_PROMOTED, Topics.MODELS_PROMOTED,
                        ConsumerGroups.INFERENCE, MODEL_LOAD)));
    }
}
