package io.ocellus.monitor.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
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
import java.util.concurrent.TimeUnit;

/**
 * Latency of the pipeline by stage, as the histogram {@code ocellus_pipeline_latency_seconds{stage}}: end to end
 * from an image's ingestion to each result about it ({@code classified}, {@code detected}); the model's or the
 * search's own share of it ({@code classification_compute}, {@code detection_compute}); and the time from a
 * result's creation until this service reads it ({@code result_delivery}). The topics are read independently, so
 * a result may come before its image's ingestion: it waits until the ingestion is seen. Each (image, model,
 * version, stage) counts once, however often its events are redelivered. All memory here is bounded.
 */
@ApplicationScoped
public class PipelineLatency {

    public static final String CLASSIFIED = "classified";
    public static final String DETECTED = "detected";
    /** The model's own share of a classification, as inference-service timed it. */
    public static final String CLASSIFICATION_COMPUTE = "classification_compute";
    /** The search's own share of a detection, as detector-service timed it. */
    public static final String DETECTION_COMPUTE = "detection_compute";
    /** From a result's creation until this service reads it: the transaction's commit and the topic's delivery. */
    public static final String RESULT_DELIVERY = "result_delivery";
    private static final List<String> STAGES = List.of(CLASSIFIED, CLASSIFICATION_COMPUTE, DETECTED,
            DETECTION_COMPUTE, RESULT_DELIVERY);

    /** One stage's latency over the recent past, in milliseconds; no percentiles before its first result. */
    public record StageLatency(String stage, long count, Double p50Millis, Double p99Millis, double maxMillis) {
    }

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
        STAGES.forEach(this::timer);
    }

    public synchronized void ingested(ImageIngested event) {
        ingestedAt.putIfAbsent(event.imageId(), event.ingestedAt());
        List<Result> results = waiting.remove(event.imageId());
        if (results != null) {
            results.forEach(result -> measure(event.ingestedAt(), result));
        }
    }

    public void classified(ImageClassified event) {
        delivered(event.classifiedAt(), event.latencyMillis(), CLASSIFICATION_COMPUTE);
        result(event.imageId(), new Result(event.imageId() + "/" + event.modelName() + "/" + event.modelVersion()
                + "/" + CLASSIFIED, CLASSIFIED, event.classifiedAt()));
    }

    public void detected(ObjectsDetected event) {
        delivered(event.detectedAt(), event.latencyMillis(), DETECTION_COMPUTE);
        result(event.imageId(), new Result(event.imageId() + "/" + event.modelName() + "/" + event.modelVersion()
                + "/" + DETECTED, DETECTED, event.detectedAt()));
    }

    private void delivered(Instant created, double computeMillis, String computeStage) {
        timer(computeStage).record(Duration.ofNanos((long) (Math.max(0, computeMillis) * 1e6)));
        Duration delivery = Duration.between(created, Instant.now());
        timer(RESULT_DELIVERY).record(delivery.isNegative() ? Duration.ZERO : delivery);
    }

    /** Each stage's count and its median, 99th percentile and maximum over the last few minutes. */
    public List<StageLatency> stages() {
        List<StageLatency> stages = new ArrayList<>();
        for (String stage : STAGES) {
            HistogramSnapshot snapshot = timer(stage).takeSnapshot();
            Double p50 = null;
            Double p99 = null;
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                if (value.percentile() == 0.5) {
                    p50 = value.value(TimeUnit.MILLISECONDS);
                } else if (value.percentile() == 0.99) {
                    p99 = value.value(TimeUnit.MILLISECONDS);
                }
            }
            boolean any = snapshot.count() > 0;
            stages.add(new StageLatency(stage, snapshot.count(), any ? p50 : null, any ? p99 : null,
                    snapshot.max(TimeUnit.MILLISECONDS)));
        }
        return stages;
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
                .tag("stage", stage).publishPercentileHistogram().publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
