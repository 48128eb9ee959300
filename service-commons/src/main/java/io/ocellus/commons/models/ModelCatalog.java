package io.ocellus.commons.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.storage.Buckets;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the registry entries in the models bucket. The trainer writes them when it publishes and when
 * an administrator promotes or rolls back; servers read them to learn which version of a model is current.
 */
@ApplicationScoped
public class ModelCatalog {

    private final ObjectStore store;
    private final ObjectMapper json = EventSerde.newObjectMapper();

    public ModelCatalog(ObjectStore store) {
        this.store = store;
    }

    public Optional<ModelEntry> find(String name) {
        String key = ModelKeys.registry(name);
        if (!store.exists(Buckets.MODELS, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(store.get(Buckets.MODELS, key), ModelEntry.class));
        } catch (IOException e) {
            throw new IllegalStateException("registry entry " + key + " is not readable: " + e.getMessage(), e);
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
        try {
            store.put(Buckets.MODELS, ModelKeys.registry(entry.name()), json.writeValueAsBytes(entry),
                    "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
