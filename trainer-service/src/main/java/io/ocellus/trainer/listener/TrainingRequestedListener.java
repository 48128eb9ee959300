package io.ocellus.trainer.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.domain.TrainingRequestLog;
import io.ocellus.trainer.job.TrainingJobs;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes training requests off their topic and queues them. A request that breaks the contract goes to the
 * dead-letter topic; when its key names a job, that job is also reported FAILED with the reason, so whoever
 * follows the job learns what was wrong.
 */
@ApplicationScoped
public class TrainingRequestedListener {

    private final IncomingEvents incoming;
    private final TrainingRequestLog requests;
    private final TrainingJobs jobs;

    public TrainingRequestedListener(IncomingEvents incoming, TrainingRequestLog requests, TrainingJobs jobs) {
        this.incoming = incoming;
        this.requests = requests;
        this.jobs = jobs;
    }

    @Incoming(Channels.TRAINER_TRAINING_REQUESTED)
    @Blocking
    public void onTrainingRequested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingRequested.class, ConsumerGroups.TRAINER, request -> {
            requests.received(request);
            jobs.submit(request);
        }, (invalid, reason) -> {
            if (invalid.key() != null && !invalid.key().isBlank()) {
                jobs.rejectInvalid(invalid.key(), reason);
            }
        });
    }
}
