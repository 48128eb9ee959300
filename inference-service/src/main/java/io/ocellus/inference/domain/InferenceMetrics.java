package io.ocellus.inference.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * inference-service's meters (model loading and batching are counted by {@code ServingMetrics}). Labels are model
 * names and short reasons, never image ids, so that their number stays bounded.
 */
@ApplicationScoped
public class InferenceMetrics {

    private final MeterRegistry registry;

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String model, Duration latency) {
        Timer.builder("ocellus.inference.request.duration").description("Classification latency per request")
                .tag("model", model).publishPercentileHistogram().register(registry).record(latency);
    }

    public void error(String model, String reason) {
        registry.counter("ocellus.inference.errors", "model", model, "reason", reason).increment();
    }

    public void classified(String model, String path) {
        registry.counter("ocellus.inference.images.classified", "model", model, "path", path).increment();
    }

    public void skipped(String reason) {
        registry.counter("ocellus.inference.images.skipped", "reason", reason).increment();
    }
}
