package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.monitor.domain.PipelineLatency;
import io.ocellus.monitor.domain.PipelineMetrics;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Counts every image announced on the ingest topic and starts its end-to-end latency clock. */
@ApplicationScoped
public class ImageIngestedListener {

    private final IncomingEvents incoming;
    private final PipelineMetrics metrics;
    private final PipelineLatency latency;

    public ImageIngestedListener(IncomingEvents incoming, PipelineMetrics metrics, PipelineLatency latency) {
        this.incoming = incoming;
        this.metrics = metrics;
        this.latency = latency;
    }

    @Incoming(Channels.MONITOR_IMAGES_INGESTED)
    @Blocking
    public void onImageIngested(ConsumerRecord<String, byte[]> record) {
        incoming.handle(record, ImageIngested.class, ConsumerGroups.MONITOR, event -> {
            metrics.recordEvent(Topics.IMAGES_INGESTED);
            metrics.recordIngested(event);
            latency.ingested(event);
        });
    }
}
