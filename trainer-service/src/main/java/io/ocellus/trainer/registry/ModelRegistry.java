package io.ocellus.trainer.registry;

import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.commons.models.ModelEntry;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.PromotionCause;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * The model registry's writer: adds published versions, applies the promotion policy, and promotes or rolls
 * back on an administrator's request. Every change is written to the registry entry first and then announced
 * ({@code ModelPublished}, {@code ModelPromoted}), so a server that hears of it finds the entry up to date.
 * Changes are serialised: one trainer owns the registry.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelCatalog catalog;
    private final EventPublisher publisher;
    private final PromotionPolicy policy;

    public ModelRegistry(ModelCatalog catalog, EventPublisher publisher,
                         @ConfigProperty(name = "ocellus.registry.promotion", defaultValue = "not-worse") String policy) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.policy = PromotionPolicy.parse(policy);
    }

    public Optional<ModelEntry> find(String name) {
        return catalog.find(name);
    }

    public java.util.List<String> names() {
        return catalog.names();
    }

    /** The next free version number of {@code name}. */
    public synchronized int nextVersion(String name) {
        return catalog.find(name).orElseGet(() -> ModelEntry.empty(name)).nextVersion();
    }

    /** Records a stored version, announces it, and makes it current when the policy accepts it. */
    public synchronized Registered register(ModelPublished published) {
        ModelEntry entry = catalog.find(published.name()).orElseGet(() -> ModelEntry.empty(published.name()));
        if (entry.version(published.version()).isPresent()) {
            throw new IllegalStateException("model " + published.name() + " already has version "
                    + published.version());
        }
        Optional<ModelPublished> current = entry.currentVersion();
        Optional<String> promotion = policy.accepts(published, current);
        ModelEntry updated = entry.withVersion(published);
        if (promotion.isPresent()) {
            updated = updated.promote(published.version());
        }
        catalog.save(updated);
        publisher.publish(published.name(), published);
        LOG.infof("model %s version %d published (test rank-1 %.4f)", published.name(), published.version(),
                published.testMetrics().rank1());
        if (promotion.isPresent()) {
            announce(updated, entry.current(), PromotionCause.POLICY, promotion.get());
        } else {
            LOG.infof("model %s version %d is not current: policy %s keeps version %s", published.name(),
                    published.version(), policy.spelling(), entry.current());
        }
        return new Registered(published, promotion.isPresent(), promotion.orElse("policy " + policy.spelling()
                + " kept version " + entry.current()));
    }

    /** Makes {@code version} current; empty when the model or version does not exist. */
    public synchronized Optional<ModelEntry> promote(String name, int version, String reason) {
        Optional<ModelEntry> entry = catalog.find(name);
        if (entry.isEmpty() || entry.get().version(version).isEmpty()) {
            return Optional.empty();
        }
        if (entry.get().current() != null && entry.get().current() == version) {
            return entry;
        }
        ModelEntry updated = entry.get().promote(version);
        catalog.save(updated);
        announce(updated, entry.get().current(), PromotionCause.MANUAL, reason);
        return Optional.of(updated);
    }

    /** Goes back to the previously current version; empty when there is nothing to go back to. */
    public synchronized Optional<ModelEntry> rollBack(String name, String reason) {
        Optional<ModelEntry> entry = catalog.find(name);
        Optional<ModelEntry> updated = entry.flatMap(ModelEntry::rollBack);
        if (updated.isEmpty()) {
            return Optional.empty();
        }
        catalog.save(updated.get());
        announce(updated.get(), entry.get().current(), PromotionCause.ROLLBACK, reason);
        return updated;
    }

    private void announce(ModelEntry entry, Integer previous, PromotionCause cause, String reason) {
        LOG.infof("model %s: version %d is current (%s%s)", entry.name(), entry.current(), cause.value(),
                reason == null ? "" : ": " + reason);
        publisher.publish(entry.name(), ModelPromoted.of(entry.name(), entry.current(), previous, cause, reason,
                Instant.now()));
    }

    /** A version added to the registry, whether it became current, and why (or why not). */
    public record Registered(ModelPublished published, boolean current, String reason) {
    }
}
