package io.ocellus.serving;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Meters of model serving, the same in every service that serves models (the scrape target tells which):
 * loads and refused loads per model, samples per ONNX run, and samples waiting per model.
 */
@ApplicationScoped
public class ServingMetrics {

    private final MeterRegistry registry;

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void batch(String model, int size) {
        DistributionSummary.builder("ocellus.serving.batch.size").description("Samples per model run")
                .tag("model", model).serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry).record(size);
    }

    /** Registers the queue-depth gauge of a model; held strongly, since Micrometer keeps gauge state weakly. */
    public void queueDepth(String model, Supplier<Number> depth) {
        Gauge.builder("ocellus.serving.queue.depth", depth, s -> s.get().doubleValue())
                .description("Samples waiting in the model's batch queue").tag("model", model)
                .strongReference(true).register(registry);
    }

    public void loaded(String model) {
        registry.counter("ocellus.serving.model.loads", "model", model).increment();
    }

    public void loadFailed(String model, String reason) {
        registry.counter("ocellus.serving.model.load.failures", "model", model, "reason", reason).increment();
    }
}
