package io.ocellus.ingest.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Ingest metrics: images by result, bytes stored, rejections by reason, and how long an image takes end to end and
 * how long Kafka takes to acknowledge its event (both as histograms, so p50/p99 can be computed in Prometheus).
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Timer imageLatency;
    private final Timer eventSendLatency;
    private final DistributionSummary bytes;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.imageLatency = Timer.builder("ocellus.ingest.image.duration")
                .description("Time to validate, store and announce one image")
                .publishPercentileHistogram().register(registry);
        this.eventSendLatency = Timer.builder("ocellus.ingest.event.send.duration")
                .description("Time until Kafka acknowledged an ImageIngested event")
                .publishPercentileHistogram().register(registry);
        this.bytes = DistributionSummary.builder("ocellus.ingest.image.size")
                .baseUnit("bytes").description("Size of accepted images").register(registry);
    }

    public void accepted(long size, boolean duplicate, Duration took) {
        images(duplicate ? "duplicate" : "accepted").increment();
        bytes.record(size);
        imageLatency.record(took);
    }

    public void rejected(String reason) {
        images("rejected").increment();
        registry.counter("ocellus.ingest.rejections", "reason", reason).increment();
    }

    public void eventSent(Duration took) {
        eventSendLatency.record(took);
    }

    /** An accepted image whose event waits in the outbox for the broker. */
    public void outboxKept() {
        registry.counter("ocellus.ingest.outbox", "step", "kept").increment();
    }

    /** A kept event the relay has published. */
    public void outboxRelayed() {
        registry.counter("ocellus.ingest.outbox", "step", "relayed").increment();
    }

    private Counter images(String result) {
        return registry.counter("ocellus.ingest.images", "result", result);
    }
}
