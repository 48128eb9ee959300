package io.ocellus.monitor.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.ObjectsDetected;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency from an image's ingestion to each result about it, as the histogram
 * {@code ocellus_pipeline_latency_seconds{stage="classified"|"detected"}}. The topics are read independently, so
 * a result may come before its image's ingestion: it waits until the ingestion is seen. Each (image, model,
 * version, stage) counts once, however often its events are redelivered. All memory here is bounded.
 */
@ApplicationScoped
public class PipelineLatency {

    public static final String CLASSIFIED = "classified";
    public static final String DETECTED = "detected";

    private record Result(String key, String stage, Instant at) {
    }

    private final MeterRegistry registry;
    private final Map<String, Instant> ingestedAt;
    private final Map<String, List<Result>> waiting;
    private final Map<String, Boolean> counted;

    public PipelineLatency(MeterRegistry registry,
                           @ConfigProperty(name = "ocellus.monitor.tracked-images", defaultValue = "100000")
                           int trackedImages) {
        this.registry = registry;
        this.ingestedAt = new BoundedMap<>(trackedImages);
        this.waiting = new BoundedMap<>(Math.max(1, trackedImages / 10));
        this.counted = new BoundedMap<>(trackedImages);
        timer(CLASSIFIED);
        timer(DETECTED);
    }

    public synchronized void ingested(ImageIngested event) {
        ingestedAt.putIfAbsent(event.imageId(), event.ingestedAt());
        List<Result> results = waiting.remove(event.imageId());
        if (results != null) {
            results.forEach(result -> measure(event.ingestedAt(), result));
        }
    }

    public void classified(ImageClassified event) {
        result(event.imageId(), new Result(event.imageId() + "/" + event.modelName() + "/" + event.modelVersion()
                + "/" + CLASSIFIED, CLASSIFIED, event.classifiedAt()));
    }

    public void detected(ObjectsDetected event) {
        result(event.imageId(), new Result(event.imageId() + "/" + event.modelName() + "/" + event.modelVersion()
                + "/" + DETECTED, DETECTED, event.detectedAt()));
    }

    private synchronized void result(String imageId, Result result) {
        Instant ingested = ingestedAt.get(imageId);
        if (ingested != null) {
            measure(ingested, result);
        } else {
            waiting.computeIfAbsent(imageId, id -> new ArrayList<>()).add(result);
        }
    }

    private void measure(Instant ingested, Result result) {
        if (counted.putIfAbsent(result.key(), Boolean.TRUE) != null) {
            return;
        }
        Duration latency = Duration.between(ingested, result.at());
        timer(result.stage()).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    private Timer timer(String stage) {
        return Timer.builder("ocellus.pipeline.latency")
                .description("From an image's ingestion to a result about it")
                .tag("stage", stage).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
