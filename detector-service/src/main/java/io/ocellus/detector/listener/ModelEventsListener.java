package io.ocellus.detector.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.serving.ModelServing;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A published or promoted version may change what is current: the server reads the registry and follows it. */
@ApplicationScoped
public class ModelEventsListener {

    private final IncomingEvents incoming;
    private final ModelServing serving;

    public ModelEventsListener(IncomingEvents incoming, ModelServing serving) {
        this.incoming = incoming;
        this.serving = serving;
    }

    @Incoming(Channels.DETECTOR_MODELS_PUBLISHED)
    @Blocking
    public void onPublished(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPublished.class, ConsumerGroups.DETECTOR, e -> serving.refresh(e.name()));
    }

    @Incoming(Channels.DETECTOR_MODELS_PROMOTED)
    @Blocking
    public void onPromoted(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPromoted.class, ConsumerGroups.DETECTOR, e -> serving.refresh(e.name()));
    }
}
