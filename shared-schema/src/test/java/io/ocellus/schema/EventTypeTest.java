package io.ocellus.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.ImageIngested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    private final ObjectMapper json = EventSerde.newObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaFileExistsWithIdTitleAndDialect(EventType type) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as(type.schemaResource()).isNotNull();
            JsonNode schema = json.readTree(in);
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).endsWith("/" + type.schemaResource());
            assertThat(schema.path("title").asText()).startsWith(type.recordClass().getSimpleName() + " v1");
            assertThat(schema.path("description").asText()).contains(type.topic());
            assertThat(schema.path("properties").path("schemaVersion").path("const").intValue()).isEqualTo(1);
            assertThat(schema.has("additionalProperties")).as("forward compatible").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordHasSchemaVersionFirstAndTheConstant(EventType type) throws Exception {
        var components = type.recordClass().getRecordComponents();
        assertThat(components[0].getName()).isEqualTo("schemaVersion");
        assertThat(components[0].getType()).isEqualTo(int.class);
        assertThat(type.recordClass().getField("SCHEMA_VERSION").getInt(null)).isEqualTo(1);
        assertThat(EventType.of(type.recordClass())).isSameAs(type);
        assertThat(EventType.ofTopic(type.topic())).isSameAs(type);
    }

    @Test
    void everyTopicHasExactlyOneEventType() {
        for (String topic : Topics.ALL) {
            assertThat(Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)))
                    .as(topic).hasSize(1);
        }
        assertThat(EventType.values()).hasSameSizeAs(Topics.ALL);
        assertThat(EventType.DEAD_LETTER.topic()).isEqualTo(Topics.DEAD_LETTERS);
    }

    @Test
    void keysFollowTheTopicTable() {
        assertThat(EventType.IMAGE_INGESTED.keyOf(SampleEvents.imageIngested())).isEqualTo(SampleEvents.IMAGE_ID);
        assertThat(EventType.TRAINING_REQUESTED.keyOf(SampleEvents.trainingRequested()))
                .isEqualTo(SampleEvents.trainingRequested().effectiveModelName());
        assertThat(EventType.TRAINING_REQUESTED.keyOf(SampleEvents.trainingRequested().withModelName("digits")))
                .isEqualTo("digits");
        assertThat(EventType.TRAINING_PROGRESS.keyOf(SampleEvents.trainingProgress())).isEqualTo(SampleEvents.JOB_ID);
        assertThat(EventType.TRAINING_CANCEL_REQUESTED.keyOf(SampleEvents.trainingCancelRequested()))
                .isEqualTo(SampleEvents.JOB_ID);
        assertThat(EventType.MODEL_PUBLISHED.keyOf(SampleEvents.modelPublished())).isEqualTo(SampleEvents.MODEL);
        assertThat(EventType.MODEL_PROMOTED.keyOf(SampleEvents.modelPromoted())).isEqualTo(SampleEvents.MODEL);
        assertThat(EventType.IMAGE_CLASSIFIED.keyOf(SampleEvents.imageClassified())).isEqualTo(SampleEvents.IMAGE_ID);
        assertThat(EventType.OBJECTS_DETECTED.keyOf(SampleEvents.objectsDetected())).isEqualTo(SampleEvents.IMAGE_ID);
        DeadLetter letter = SampleEvents.deadLetter();
        assertThat(EventType.DEAD_LETTER.keyOf(letter)).isEqualTo(letter.key());
    }

    @Test
    void rejectsWhatIsNotAnEvent() {
        assertThatThrownBy(() -> EventType.of(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an Ocellus event record");
        assertThatThrownBy(() -> EventType.ofTopic("ocellus.images.ingested.v2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventType.IMAGE_INGESTED.keyOf(SampleEvents.deadLetter()))
                .isInstanceOf(ClassCastException.class);
        assertThat(EventType.of(ImageIngested.class).schemaResource())
                .isEqualTo("schemas/image-ingested.v1.schema.json");
    }
}
