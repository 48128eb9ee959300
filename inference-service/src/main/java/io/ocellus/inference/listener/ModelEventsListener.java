package io.ocellus.inference.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.serving.ModelServing;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A published or promoted version may change what is current: either way the server reads the registry entry
 * and serves its current version, so the order and repetition of these events do not matter.
 */
@ApplicationScoped
public class ModelEventsListener {

    private final IncomingEvents incoming;
    private final ModelServing serving;

    public ModelEventsListener(IncomingEvents incoming, ModelServing serving) {
        this.incoming = incoming;
        this.serving = serving;
    }

    @Incoming(Channels.INFERENCE_MODELS_PUBLISHED)
    @Blocking
    public void onPublished(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPublished.class, ConsumerGroups.INFERENCE, e -> serving.refresh(e.name()));
    }

    @Incoming(Channels.INFERENCE_MODELS_PROMOTED)
    @Blocking
    public void onPromoted(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPromoted.class, ConsumerGroups.INFERENCE, e -> serving.refresh(e.name()));
    }
}
