package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.monitor.domain.PipelineMetrics;
import io.ocellus.monitor.domain.TrainingHistory;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Builds each job's history from its request and progress events. */
@ApplicationScoped
public class TrainingListener {

    private final IncomingEvents incoming;
    private final PipelineMetrics metrics;
    private final TrainingHistory history;

    public TrainingListener(IncomingEvents incoming, PipelineMetrics metrics, TrainingHistory history) {
        this.incoming = incoming;
        this.metrics = metrics;
        this.history = history;
    }

    @Incoming(Channels.MONITOR_TRAINING_REQUESTED)
    @Blocking
    public void onRequested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingRequested.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.TRAINING_REQUESTED);
            history.record(event);
        });
    }

    @Incoming(Channels.MONITOR_TRAINING_PROGRESS)
    @Blocking
    public void onProgress(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, TrainingProgress.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.TRAINING_PROGRESS);
            history.record(event);
        });
    }

    @Incoming(Channels.MONITOR_TRAINING_CANCELS)
    @Blocking
    public void onCancel(ConsumerRecord<String, byte[]> record) {
        // the job's CANCELLED progress event is what changes its history; the request itself is only counted
        incoming.handle(record, TrainingCancelRequested.class, ConsumerGroups.MONITOR,
                event -> metrics.recordEvent(Topics.TRAINING_CANCELS));
    }
}
