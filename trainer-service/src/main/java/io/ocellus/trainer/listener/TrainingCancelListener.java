package io.ocellus.trainer.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.trainer.job.TrainingJobs;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes cancel requests off their topic and stops the job if this trainer holds it. */
@ApplicationScoped
public class TrainingCancelListener {

    private static final Logger LOG = Logger.getLogger(TrainingCancelListener.class);

    private final IncomingEvents incoming;
    private final TrainingJobs jobs;

    public TrainingCancelListener(IncomingEvents incoming, TrainingJobs jobs) {
        this.incoming = incoming;
        this.jobs = jobs;
    }

    @Incoming(Channels.TRAINER_TRAINING_CANCELS)
    @Blocking
    public void onCancel(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingCancelRequested.class, ConsumerGroups.TRAINER, cancel -> {
            if (jobs.cancel(cancel.jobId(), cancel.reason()).isEmpty()) {
                LOG.infof("cancel for job %s ignored: this trainer does not hold it", cancel.jobId());
            }
        });
    }
}
