package io.ocellus.inference.domain;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * inference-service's meters. Labels are model names and short reasons, never image ids, so that their number
 * stays bounded.
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

    public void batch(String model, int size) {
        DistributionSummary.builder("ocellus.inference.batch.size").description("Samples per model run")
                .tag("model", model).serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry).record(size);
    }

    /** Registers the queue-depth gauge of a model; held strongly, since Micrometer keeps gauge state weakly. */
    public void queueDepth(String model, Supplier<Number> depth) {
        Gauge.builder("ocellus.inference.queue.depth", depth, s -> s.get().doubleValue())
                .description("Samples waiting in the model's batch queue").tag("model", model)
                .strongReference(true).register(registry);
    }

    public void loaded(String model) {
        registry.counter("ocellus.inference.model.loads", "model", model).increment();
    }

    public void loadFailed(String model, String reason) {
        registry.counter("ocellus.inference.model.load.failures", "model", model, "reason", reason).increment();
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
