package io.ocellus.detector.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.detector.domain.IngestedImageDetection;
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
    private final IngestedImageDetection detection;

    public ImageIngestedListener(IncomingEvents incoming, IngestedImageDetection detection) {
        this.incoming = incoming;
        this.detection = detection;
    }

    @Incoming(Channels.DETECTOR_IMAGES_INGESTED)
    @Blocking
    public void onImageIngested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ImageIngested.class, ConsumerGroups.DETECTOR, detection::onImage);
    }
}
