package io.ocellus.monitor.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.ImageIngested;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Prometheus view of the pipeline as seen from its topics. Labels stay low-cardinality: never image ids. */
@Startup
@ApplicationScoped
public class PipelineMetrics {

    private final Counter imagesIngested;

    public PipelineMetrics(MeterRegistry registry) {
        // registered at start so that the series exists, at 0, before the first image arrives
        this.imagesIngested = Counter.builder("ocellus.images.ingested")
                .description("ImageIngested events seen on " + Topics.IMAGES_INGESTED)
                .register(registry);
    }

    /** Counts one {@code ImageIngested}; exported as {@code ocellus_images_ingested_total}. */
    public void recordIngested(ImageIngested event) {
        imagesIngested.increment();
    }
}
