package io.ocellus.detector.domain;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** detector-service's meters, labelled by model name and path (http, kafka), never by image. */
@ApplicationScoped
public class DetectionMetrics {

    private final MeterRegistry registry;

    public DetectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void detected(String model, String path, long windows, int levels, int beforeNms, int afterNms,
                         Duration latency) {
        registry.counter("ocellus.detector.windows.evaluated", "model", model).increment(windows);
        registry.counter("ocellus.detector.boxes.before.nms", "model", model).increment(beforeNms);
        registry.counter("ocellus.detector.boxes.after.nms", "model", model).increment(afterNms);
        DistributionSummary.builder("ocellus.detector.pyramid.levels").description("Pyramid levels per image")
                .tag("model", model).register(registry).record(levels);
        Timer.builder("ocellus.detector.detection.duration").description("Detection latency per image")
                .tag("model", model).tag("path", path).publishPercentileHistogram().register(registry)
                .record(latency);
    }

    /** How an image was searched: {@code dense} (the net's fully convolutional form) or {@code windows}. */
    public void searched(String model, String search) {
        registry.counter("ocellus.detector.searches", "model", model, "search", search).increment();
    }

    public void skipped(String reason) {
        registry.counter("ocellus.detector.images.skipped", "reason", reason).increment();
    }

    public void refused(String reason) {
        registry.counter("ocellus.detector.requests.refused", "reason", reason).increment();
    }
}
