package io.ocellus.trainer.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.domain.TrainingRequestLog;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Takes training requests off their topic; requests that break the contract go to the dead-letter topic. */
@ApplicationScoped
public class TrainingRequestedListener {

    private final IncomingEvents incoming;
    private final TrainingRequestLog requests;

    public TrainingRequestedListener(IncomingEvents incoming, TrainingRequestLog requests) {
        this.incoming = incoming;
        this.requests = requests;
    }

    @Incoming(Channels.TRAINER_TRAINING_REQUESTED)
    @Blocking
    public void onTrainingRequested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingRequested.class, ConsumerGroups.TRAINER, requests::received);
    }
}
