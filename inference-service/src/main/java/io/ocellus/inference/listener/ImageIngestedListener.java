package io.ocellus.inference.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.inference.domain.IngestedImageClassification;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.ImageIngested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Takes ingested images off their topic; payloads that break the contract go to the dead-letter topic. */
@ApplicationScoped
public class ImageIngestedListener {

    private final IncomingEvents incoming;
    private final IngestedImageClassification classification;

    public ImageIngestedListener(IncomingEvents incoming, IngestedImageClassification classification) {
        this.incoming = incoming;
        this.classification = classification;
    }

    @Incoming(Channels.INFERENCE_IMAGES_INGESTED)
    @Blocking
    public void onImageIngested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ImageIngested.class, ConsumerGroups.INFERENCE, classification::onImage);
    }
}
