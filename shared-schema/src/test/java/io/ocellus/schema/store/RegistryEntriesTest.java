package io.ocellus.schema.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import io.ocellus.schema.SampleEvents;
import io.ocellus.schema.events.ModelPublished;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registry entries travel between services through the store under their schema, as events do on topics. */
class RegistryEntriesTest {

    private final RegistryEntries entries = new RegistryEntries();

    @Test
    void anEntryRoundTripsUnderItsSchema() {
        ModelPublished first = SampleEvents.modelPublished();
        ModelEntry entry = ModelEntry.empty(first.name()).withVersion(first).promote(first.version());

        ModelEntry read = entries.read(entries.write(entry));

        assertThat(read).isEqualTo(entry);
        assertThat(read.currentVersion()).contains(first);
    }

    @Test
    void anEntryWithoutAName_orWithABrokenVersion_isRefusedWithTheReason() throws Exception {
        ObjectNode entry = (ObjectNode) EventSerde.newObjectMapper().valueToTree(
                ModelEntry.empty("digits").withVersion(SampleEvents.modelPublished()));
        ObjectNode broken = entry.deepCopy();
        broken.remove("name");
        assertThatThrownBy(() -> entries.read(bytes(broken))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("name");

        ObjectNode noFile = entry.deepCopy();
        ((ObjectNode) noFile.withArray("versions").get(0)).remove("onnxKey");
        assertThatThrownBy(() -> entries.read(bytes(noFile))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("onnxKey");

        assertThatThrownBy(() -> entries.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> entries.write(new ModelEntry("no/slashes", null, null, null)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void fieldsANewerWriterAddsAreKept_outOfTheWay() throws Exception {
        ObjectNode entry = (ObjectNode) EventSerde.newObjectMapper().valueToTree(ModelEntry.empty("digits"));
        entry.put("owner", "a newer trainer");

        assertThat(entries.read(bytes(entry)).name()).isEqualTo("digits");
    }

    private static byte[] bytes(ObjectNode tree) throws Exception {
        return EventSerde.newObjectMapper().writeValueAsBytes(tree);
    }
}
