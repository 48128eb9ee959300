package io.ocellus.schema.store;

import io.ocellus.schema.events.ModelPublished;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One model name in the registry: every published version (as announced), the current version, and the
 * versions that were current before it, most recent last, so that a rollback knows where to go back to.
 */
public record ModelEntry(String name, Integer current, List<Integer> previous, List<ModelPublished> versions) {

    public ModelEntry {
        previous = previous == null ? List.of() : List.copyOf(previous);
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public static ModelEntry empty(String name) {
        return new ModelEntry(name, null, List.of(), List.of());
    }

    public int nextVersion() {
        return versions.stream().mapToInt(ModelPublished::version).max().orElse(0) + 1;
    }

    public Optional<ModelPublished> version(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst();
    }

    public Optional<ModelPublished> currentVersion() {
        return current == null ? Optional.empty() : version(current);
    }

    public ModelEntry withVersion(ModelPublished published) {
        List<ModelPublished> all = new ArrayList<>(versions);
        all.add(published);
        return new ModelEntry(name, current, previous, all);
    }

    /** {@code version} becomes current; the one it replaces is remembered for a rollback. */
    public ModelEntry promote(int version) {
        if (version(version).isEmpty()) {
            throw new IllegalArgumentException("model " + name + " has no version " + version);
        }
        List<Integer> before = new ArrayList<>(previous);
        if (current != null && current != version) {
            before.add(current);
        }
        return new ModelEntry(name, version, before, versions);
    }

    /** Back to the version that was current before this one; empty when there is none. */
    public Optional<ModelEntry> rollBack() {
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> before = new ArrayList<>(previous);
        int restored = before.remove(before.size() - 1);
        return Optional.of(new ModelEntry(name, restored, before, versions));
    }
}
