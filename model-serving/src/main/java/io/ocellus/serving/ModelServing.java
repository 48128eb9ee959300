package io.ocellus.serving;

import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.serving.arithmetic.ServingArithmetic;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this server answers with: the current version of every model in the registry. {@link #refresh}
 * loads a newly current version and swaps it in; requests that already hold the old one finish on it, and its
 * session closes after the last of them. A version that fails to load is counted and refused, and the version
 * served before keeps serving.
 */
@ApplicationScoped
public class ModelServing {

    private static final Logger LOG = Logger.getLogger(ModelServing.class);

    private final ModelCatalog catalog;
    private final ModelLoader loader;
    private final ServingMetrics metrics;
    private final ServingArithmetic arithmetic;
    private final Map<String, ServedModel> current = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public ModelServing(ModelCatalog catalog, ModelLoader loader, ServingMetrics metrics,
                        ServingArithmetic arithmetic) {
        this.catalog = catalog;
        this.loader = loader;
        this.metrics = metrics;
        this.arithmetic = arithmetic;
    }

    /** Loads the current version of every model in the registry. */
    public void refreshAll() {
        for (String name : catalog.names()) {
            refresh(name);
        }
    }

    /** Brings {@code name} to its current registry version; returns what is served for it afterwards. */
    public synchronized Optional<ServedModel> refresh(String name) {
        Optional<ModelEntry> entry = catalog.find(name);
        Optional<ModelPublished> wanted = entry.flatMap(ModelEntry::currentVersion);
        ServedModel served = current.get(name);
        if (wanted.isEmpty() || (served != null && served.version() == wanted.get().version())) {
            return Optional.ofNullable(served);
        }
        ModelPublished version = wanted.get();
        Optional<String> refusal = arithmetic.refusal();
        if (refusal.isPresent()) {
            failures.put(name, "version " + version.version() + " is not served: " + refusal.get());
            LOG.errorf("model %s version %d not loaded: %s", name, version.version(), refusal.get());
            return Optional.ofNullable(served);
        }
        ServedModel loaded;
        try {
            loaded = loader.load(version);
        } catch (ModelLoadException e) {
            metrics.loadFailed(name, e.reason());
            failures.put(name, "version " + version.version() + " was refused: " + e.getMessage());
            LOG.errorf("model %s version %d refused (%s): %s; %s", name, version.version(), e.reason(),
                    e.getMessage(), served == null ? "nothing served for it" : "version " + served.version()
                            + " keeps serving");
            return Optional.ofNullable(served);
        }
        failures.remove(name);
        if (served == null) {
            metrics.queueDepth(name, () -> Optional.ofNullable(current.get(name)).map(ServedModel::queueDepth)
                    .orElse(0));
        }
        current.put(name, loaded);
        metrics.loaded(name);
        LOG.infof("model %s version %d serving%s", name, version.version(),
                served == null ? "" : " (version " + served.version() + " drains and closes)");
        if (served != null) {
            served.retire();
        }
        return Optional.of(loaded);
    }

    /** The served model of that name, leased: close the lease when done with it. */
    public Optional<Lease> lease(String name) {
        if (arithmetic.refusal().isPresent()) {
            return Optional.empty();
        }
        while (true) {
            ServedModel served = current.get(name);
            if (served == null) {
                return Optional.empty();
            }
            if (served.acquire()) {
                return Optional.of(new Lease(served));
            }
            // retired between the lookup and the lease: the map already holds its successor
        }
    }

    public List<ServedModel> served() {
        return current.values().stream().sorted(java.util.Comparator.comparing(ServedModel::name)).toList();
    }

    /** Why the current version of {@code name} is not served, when it was refused. */
    public Optional<String> failure(String name) {
        return arithmetic.refusal().or(() -> Optional.ofNullable(failures.get(name)));
    }

    @PreDestroy
    void close() {
        current.values().forEach(ServedModel::retire);
    }

    /** A served model held for one request. */
    public static final class Lease implements AutoCloseable {
        private final ServedModel model;
        private boolean released;

        Lease(ServedModel model) {
            this.model = model;
        }

        public ServedModel model() {
            return model;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                model.release();
            }
        }
    }
}
