package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.monitor.domain.PipelineLatency;
import io.ocellus.monitor.domain.PipelineMetrics;
import io.ocellus.monitor.domain.RecentResults;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ObjectsDetected;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the latest classifications and detections and measures how long each image took to get there. */
@ApplicationScoped
public class ResultsListener {

    private final IncomingEvents incoming;
    private final PipelineMetrics metrics;
    private final RecentResults recent;
    private final PipelineLatency latency;

    public ResultsListener(IncomingEvents incoming, PipelineMetrics metrics, RecentResults recent,
                           PipelineLatency latency) {
        this.incoming = incoming;
        this.metrics = metrics;
        this.recent = recent;
        this.latency = latency;
    }

    @Incoming(Channels.MONITOR_CLASSIFICATIONS)
    @Blocking
    public void onClassified(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ImageClassified.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.CLASSIFICATIONS);
            recent.record(event);
            latency.classified(event);
        });
    }

    @Incoming(Channels.MONITOR_DETECTIONS)
    @Blocking
    public void onDetected(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ObjectsDetected.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.DETECTIONS);
            recent.record(event);
            latency.detected(event);
        });
    }
}
