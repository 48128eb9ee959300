package io.ocellus.monitor.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.ocellus.schema.events.TrainingStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Training jobs as Prometheus gauges, one series per job (label {@code job_id}; Prometheus keeps {@code job} for
 * the scrape target): loss and accuracy per split, epoch, learning rate, throughput, status as a state set and
 * the time of the last update. A series appears once its value exists and leaves with its job.
 */
@ApplicationScoped
public class TrainingMetrics {

    private record Series(String name, String description, Tags tags, Function<JobView, Double> value) {
    }

    private static final List<Series> PER_JOB = List.of(
            new Series("ocellus.training.loss", "Loss of the job's latest epoch", Tags.of("split", "train"),
                    job -> last(job, EpochPoint::trainLoss)),
            new Series("ocellus.training.loss", "Loss of the job's latest epoch", Tags.of("split", "val"),
                    job -> last(job, EpochPoint::valLoss)),
            new Series("ocellus.training.accuracy.ratio", "Rank-1 accuracy of the job's latest epoch",
                    Tags.of("split", "train"), job -> last(job, EpochPoint::trainAccuracy)),
            new Series("ocellus.training.accuracy.ratio", "Rank-1 accuracy of the job's latest epoch",
                    Tags.of("split", "val"), job -> last(job, EpochPoint::valAccuracy)),
            new Series("ocellus.training.epoch", "The job's latest finished epoch", Tags.empty(),
                    job -> last(job, point -> (double) point.epoch())),
            new Series("ocellus.training.learning.rate", "Learning rate of the job's latest epoch", Tags.empty(),
                    job -> last(job, EpochPoint::learningRate)),
            new Series("ocellus.training.images.per.second", "Training throughput of the job's latest epoch",
                    Tags.empty(), job -> last(job, EpochPoint::imagesPerSecond)),
            new Series("ocellus.training.job.updated.timestamp.seconds", "When the job last reported",
                    Tags.empty(), job -> job.updatedAt() == null ? null : job.updatedAt().toEpochMilli() / 1000.0));

    private final MeterRegistry registry;
    private final Map<String, JobView> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Meter.Id>> meters = new ConcurrentHashMap<>();

    public TrainingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onChange(@Observes JobView job) {
        latest.put(job.jobId(), job);
        List<Meter.Id> registered = meters.computeIfAbsent(job.jobId(), id -> new ArrayList<>());
        synchronized (registered) {
            for (Series series : PER_JOB) {
                if (series.value().apply(job) != null) {
                    register(registered, series.name(), series.description(),
                            series.tags().and("job_id", job.jobId()), view -> series.value().apply(view));
                }
            }
            if (job.status() != null) {
                for (TrainingStatus status : TrainingStatus.values()) {
                    register(registered, "ocellus.training.job.status", "1 for the job's current status, else 0",
                            Tags.of("job_id", job.jobId(), "status", status.value()),
                            view -> view.status() == status ? 1.0 : 0.0);
                }
            }
        }
    }

    void onEviction(@Observes JobEvicted evicted) {
        latest.remove(evicted.jobId());
        List<Meter.Id> registered = meters.remove(evicted.jobId());
        if (registered != null) {
            synchronized (registered) {
                registered.forEach(registry::remove);
            }
        }
    }

    private void register(List<Meter.Id> registered, String name, String description, Tags tags,
                          Function<JobView, Double> value) {
        String jobId = tags.stream().filter(tag -> tag.getKey().equals("job_id")).findFirst().orElseThrow()
                .getValue();
        Gauge gauge = Gauge.builder(name, latest, all -> {
                    JobView view = all.get(jobId);
                    Double v = view == null ? null : value.apply(view);
                    return v == null ? Double.NaN : v;
                })
                .description(description).tags(tags).strongReference(true).register(registry);
        if (!registered.contains(gauge.getId())) {
            registered.add(gauge.getId());
        }
    }

    private static Double last(JobView job, Function<EpochPoint, Double> metric) {
        EpochPoint point = job.lastEpoch();
        return point == null ? null : metric.apply(point);
    }
}
