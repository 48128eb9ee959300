package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.monitor.domain.ModelBoard;
import io.ocellus.monitor.domain.PipelineMetrics;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the models board from the registry's publications and promotions. */
@ApplicationScoped
public class ModelEventsListener {

    private final IncomingEvents incoming;
    private final PipelineMetrics metrics;
    private final ModelBoard board;

    public ModelEventsListener(IncomingEvents incoming, PipelineMetrics metrics, ModelBoard board) {
        this.incoming = incoming;
        this.metrics = metrics;
        this.board = board;
    }

    @Incoming(Channels.MONITOR_MODELS_PUBLISHED)
    @Blocking
    public void onPublished(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPublished.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.MODELS_PUBLISHED);
            board.record(event);
        });
    }

    @Incoming(Channels.MONITOR_MODELS_PROMOTED)
    @Blocking
    public void onPromoted(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ModelPromoted.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.MODELS_PROMOTED);
            board.record(event);
        });
    }
}
