package io.ocellus.trainer.registry;

import io.ocellus.commons.messaging.EventPublishException;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.messaging.FailureKind;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.PromotionCause;
import io.ocellus.schema.store.ModelEntry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * The model registry's writer: adds published versions, applies the promotion policy, and promotes or rolls
 * back on an administrator's request. Every change is written to the registry entry first and then announced
 * ({@code ModelPublished}, {@code ModelPromoted}), so a server that hears of it finds the entry up to date. An
 * announcement the broker does not take, after a few tries, undoes its change in the entry: the registry never
 * holds a version (or a current version) that nobody was told of, and the job that made it says so.
 * Changes are serialised: one trainer owns the registry.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    private static final int ANNOUNCE_ATTEMPTS = 3;

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
        try {
            publish(published.name(), published);
        } catch (EventPublishException e) {
            restore(entry);
            throw new PublishingFailedException("version " + published.version() + " of " + published.name()
                    + " was not announced, so the registry does not list it: " + e.getMessage(), e);
        }
        LOG.infof("model %s version %d published (test rank-1 %.4f)", published.name(), published.version(),
                published.testMetrics().rank1());
        if (promotion.isPresent()) {
            try {
                announce(updated, entry.current(), PromotionCause.POLICY, promotion.get());
            } catch (EventPublishException e) {
                // published but not made current: servers keep the version they serve, as the registry says
                restore(entry.withVersion(published));
                return new Registered(published, false, "policy " + policy.spelling() + " would make it current, "
                        + "but the promotion was not announced (" + e.getMessage() + "); version " + entry.current()
                        + " stays current");
            }
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
        try {
            announce(updated, entry.get().current(), PromotionCause.MANUAL, reason);
        } catch (EventPublishException e) {
            restore(entry.get());
            throw e;
        }
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
        try {
            announce(updated.get(), entry.get().current(), PromotionCause.ROLLBACK, reason);
        } catch (EventPublishException e) {
            restore(entry.get());
            throw e;
        }
        return updated;
    }

    private void announce(ModelEntry entry, Integer previous, PromotionCause cause, String reason) {
        publish(entry.name(), ModelPromoted.of(entry.name(), entry.current(), previous, cause, reason,
                Instant.now()));
        LOG.infof("model %s: version %d is current (%s%s)", entry.name(), entry.current(), cause.value(),
                reason == null ? "" : ": " + reason);
    }

    /** Publishes, trying again a few times while the broker does not acknowledge. */
    private void publish(String key, Object event) {
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(key, event);
                return;
            } catch (EventPublishException e) {
                if (attempt >= ANNOUNCE_ATTEMPTS || e.failureKind() == FailureKind.PERMANENT) {
                    throw e;
                }
                LOG.warnf("announcing %s of %s failed (try %d of %d), trying again: %s",
                        event.getClass().getSimpleName(), key, attempt, ANNOUNCE_ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(500L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Writes the entry as it was before a change that could not be announced. */
    private void restore(ModelEntry before) {
        try {
            catalog.save(before);
            LOG.warnf("model %s: the registry entry is back as it was, as its change was not announced",
                    before.name());
        } catch (RuntimeException e) {
            LOG.errorf("model %s: the change was not announced and the entry could not be put back either (%s); "
                    + "servers pick up the registry's state at their next refresh", before.name(), e.getMessage());
        }
    }

    /** A version added to the registry, whether it became current, and why (or why not). */
    public record Registered(ModelPublished published, boolean current, String reason) {
    }
}
