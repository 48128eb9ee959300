package io.ocellus.serving.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.serving.ModelServing;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A published or promoted version may change what is current: either way the server reads the registry entry
 * and serves its current version, so the order and repetition of these events do not matter. Each model server
 * binds the two channels to the registry topics in its own consumer group.
 */
@ApplicationScoped
public class ModelEventsListener {

    private final IncomingEvents incoming;
    private final ModelServing serving;
    private final String group;

    public ModelEventsListener(IncomingEvents incoming, ModelServing serving,
                               @ConfigProperty(name = "mp.messaging.incoming." + Channels.SERVED_MODELS_PUBLISHED
                                       + ".group.id") String group) {
        this.incoming = incoming;
        this.serving = serving;
        this.group = group;
    }

    @Incoming(Channels.SERVED_MODELS_PUBLISHED)
    @Blocking
    public void onPublished(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPublished.class, group, e -> serving.refresh(e.name()));
    }

    @Incoming(Channels.SERVED_MODELS_PROMOTED)
    @Blocking
    public void onPromoted(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPromoted.class, group, e -> serving.refresh(e.name()));
    }
}
