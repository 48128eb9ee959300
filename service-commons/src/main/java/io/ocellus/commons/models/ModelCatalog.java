package io.ocellus.commons.models;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.InvalidEventException;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.schema.store.RegistryEntries;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the registry entries in the models bucket, under their contract in shared-schema
 * ({@link RegistryEntries}). The trainer writes them when it publishes and when an administrator promotes or rolls
 * back; servers read them to learn which version of a model is current.
 */
@ApplicationScoped
public class ModelCatalog {

    private final ObjectStore store;
    private final RegistryEntries entries = new RegistryEntries();

    public ModelCatalog(ObjectStore store) {
        this.store = store;
    }

    public Optional<ModelEntry> find(String name) {
        String key = ModelKeys.registry(name);
        if (!store.exists(Buckets.MODELS, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(entries.read(store.get(Buckets.MODELS, key)));
        } catch (InvalidEventException e) {
            throw new UnreadableRegistryEntryException("registry entry " + key + " is not readable: "
                    + e.getMessage(), e);
        }
    }

    /** Names of every model in the registry. */
    public List<String> names() {
        return store.listChildren(Buckets.MODELS, ModelKeys.REGISTRY_PREFIX).stream()
                .filter(child -> child.endsWith(".json"))
                .map(child -> child.substring(0, child.length() - ".json".length()))
                .sorted()
                .toList();
    }

    public void save(ModelEntry entry) {
        store.put(Buckets.MODELS, ModelKeys.registry(entry.name()), entries.write(entry), "application/json");
    }
}
