package io.ocellus.monitor.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models and their versions as the registry announced them. Publications and promotions may arrive in any
 * order and more than once: versions are keyed by number, and the promotion with the latest time decides which
 * version is current. Test accuracy is exported per model and version for the newest
 * {@code ocellus.monitor.versions-per-model} versions only, so series stay bounded.
 */
@ApplicationScoped
public class ModelBoard {

    private static final class Model {
        final TreeMap<Integer, ModelVersionView> versions = new TreeMap<>();
        final Map<Integer, List<Meter.Id>> meters = new HashMap<>();
        List<String> labels;
        Integer current;
        Instant currentSince = Instant.MIN;
    }

    private final Map<String, Model> models = new HashMap<>();
    private final MeterRegistry registry;
    private final int versionsPerModel;

    public ModelBoard(MeterRegistry registry,
                      @ConfigProperty(name = "ocellus.monitor.versions-per-model", defaultValue = "5")
                      int versionsPerModel) {
        this.registry = registry;
        this.versionsPerModel = versionsPerModel;
    }

    public synchronized void record(ModelPublished published) {
        Model model = models.computeIfAbsent(published.name(), name -> new Model());
        ModelVersionView version = new ModelVersionView(published.version(), published.testMetrics().rank1(),
                published.testMetrics().rank5(), published.jobId(), published.sha256(), published.publishedAt());
        model.versions.put(version.version(), version);
        if (published.version() >= model.versions.lastKey()) {
            model.labels = published.labels();
        }
        exportNewest(published.name(), model);
    }

    public synchronized void record(ModelPromoted promoted) {
        Model model = models.computeIfAbsent(promoted.name(), name -> new Model());
        if (!promoted.promotedAt().isBefore(model.currentSince)) {
            model.current = promoted.version();
            model.currentSince = promoted.promotedAt();
        }
        Gauge.builder("ocellus.model.current.version", this, board -> board.current(promoted.name()))
                .description("The version each model serves").tags("model", promoted.name())
                .strongReference(true).register(registry);
    }

    public synchronized List<ModelView> models() {
        return models.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new ModelView(entry.getKey(), entry.getValue().current, entry.getValue().labels,
                        entry.getValue().versions.descendingMap().values().stream().toList()))
                .toList();
    }

    private synchronized double current(String name) {
        Model model = models.get(name);
        return model == null || model.current == null ? Double.NaN : model.current;
    }

    private void exportNewest(String name, Model model) {
        List<Integer> newest = model.versions.descendingKeySet().stream().limit(versionsPerModel).toList();
        for (Integer version : new ArrayList<>(model.meters.keySet())) {
            if (!newest.contains(version)) {
                model.meters.remove(version).forEach(registry::remove);
            }
        }
        for (Integer version : newest) {
            if (model.meters.containsKey(version)) {
                continue;
            }
            ModelVersionView view = model.versions.get(version);
            List<Meter.Id> ids = new ArrayList<>();
            Tags tags = Tags.of("model", name, "version", String.valueOf(version));
            ids.add(accuracy(tags.and("rank", "1"), view.testRank1()));
            if (view.testRank5() != null) {
                ids.add(accuracy(tags.and("rank", "5"), view.testRank5()));
            }
            model.meters.put(version, ids);
        }
    }

    private Meter.Id accuracy(Tags tags, double value) {
        return Gauge.builder("ocellus.model.test.accuracy.ratio", () -> value)
                .description("Test-split accuracy of a published model version").tags(tags)
                .strongReference(true).register(registry).getId();
    }
}
