package io.ocellus.inference.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;

import java.time.Duration;
import java.util.List;

/** The topics inference-service consumes, in its own consumer group. */
public class InferenceChannelBindings extends ChannelBindingsConfigSource {

    /** Fetching, checking and opening a model session. */
    private static final Duration MODEL_LOAD = Duration.ofSeconds(2);

    public InferenceChannelBindings() {
        super(List.of(
                // store reads, one classification per served model and its publish: about 25 ms per image
                // and model measured on 2 cores, a few models at most
                new ChannelBinding(Channels.INFERENCE_IMAGES_INGESTED, Topics.IMAGES_INGESTED, ConsumerGroups.INFERENCE,
                        Duration.ofMillis(200)),
                new ChannelBinding(Channels.SERVED_MODELS_PUBLISHED, Topics.MODELS_PUBLISHED,
                        ConsumerGroups.INFERENCE, MODEL_LOAD),
                new ChannelBinding(Channels.SERVED_MODELS_PROMOTED, Topics.MODELS_PROMOTED,
                        ConsumerGroups.INFERENCE, MODEL_LOAD)));
    }
}
