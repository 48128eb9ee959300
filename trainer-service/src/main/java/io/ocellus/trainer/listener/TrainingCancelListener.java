package io.ocellus.trainer.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.trainer.job.JobDirectory;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes cancel requests off their topic and stops the job: at once when this trainer runs it, else through the
 * journal, where the trainer that runs it finds the request within seconds.
 */
@ApplicationScoped
public class TrainingCancelListener {

    private static final Logger LOG = Logger.getLogger(TrainingCancelListener.class);

    private final IncomingEvents incoming;
    private final JobDirectory jobs;

    public TrainingCancelListener(IncomingEvents incoming, JobDirectory jobs) {
        this.incoming = incoming;
        this.jobs = jobs;
    }

    @Incoming(Channels.TRAINER_TRAINING_CANCELS)
    @Blocking
    public void onCancel(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingCancelRequested.class, ConsumerGroups.TRAINER, cancel -> {
            if (jobs.cancel(cancel.jobId(), cancel.reason()).isEmpty()) {
                LOG.infof("cancel for job %s ignored: no trainer knows the job", cancel.jobId());
            }
        });
    }
}
