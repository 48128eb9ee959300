package io.ocellus.trainer.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventType;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.trainer.domain.TrainingRequestLog;
import io.ocellus.trainer.job.TrainingJobs;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;

/**
 * Takes training requests off their topic and queues them. A request that breaks the contract goes to the
 * dead-letter topic; when it still names its job, that job is also reported FAILED with the reason, so whoever
 * follows the job learns what was wrong.
 */
@ApplicationScoped
public class TrainingRequestedListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = Logger.getLogger(TrainingRequestedListener.class);

    private final IncomingEvents incoming;
    private final TrainingRequestLog requests;
    private final TrainingJobs jobs;
    private final EventPublisher publisher;

    public TrainingRequestedListener(IncomingEvents incoming, TrainingRequestLog requests, TrainingJobs jobs,
                                     EventPublisher publisher) {
        this.incoming = incoming;
        this.requests = requests;
        this.jobs = jobs;
        this.publisher = publisher;
    }

    @Incoming(Channels.TRAINER_TRAINING_REQUESTED)
    @Blocking
    public void onTrainingRequested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingRequested.class, ConsumerGroups.TRAINER, request -> {
            String key = EventType.TRAINING_REQUESTED.keyOf(request);
            if (!key.equals(record.key())) {
                // a producer keyed it otherwise: it goes on under its model's name, to the trainer holding that
                // model, or two trainers could run jobs of one model side by side
                publisher.publish(key, request);
                LOG.infof("job %s arrived keyed '%s'; sent on keyed by its model, %s", request.jobId(),
                        record.key(), key);
                return;
            }
            requests.received(request);
            jobs.submit(request);
        }, (invalid, reason) -> jobIdOf(invalid).ifPresent(jobId -> jobs.rejectInvalid(jobId, reason)));
    }

    /**
     * The job a request that broke the contract was meant to start: its {@code jobId} when the value is JSON that
     * names one. (Requests are keyed by model name, so the key does not say.)
     */
    static Optional<String> jobIdOf(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode jobId = JSON.readTree(record.value()).path("jobId");
            return jobId.isTextual() && !jobId.asText().isBlank() ? Optional.of(jobId.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
