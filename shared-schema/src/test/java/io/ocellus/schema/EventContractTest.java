package io.ocellus.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract every event must keep; one subclass per event supplies a sample and its own invalid cases.
 * Invalid cases are edits of the sample's JSON, so each shows exactly one thing wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventContractTest<T> {

    protected final EventSerde serde = EventSerde.instance();
    protected final ObjectMapper json = EventSerde.newObjectMapper();

    protected abstract Class<T> type();

    protected abstract T sample();

    /** At least: a missing required field, a wrong type and an unknown enum value (or another constraint). */
    protected abstract Stream<Invalid> invalidCases();

    /** One optional top-level field, to check that explicit null is read like absence. */
    protected abstract String optionalField();

    record Invalid(String name, String json, String field, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    protected Invalid invalid(String name, Consumer<ObjectNode> edit, String field, String reason) {
        ObjectNode tree = sampleTree();
        edit.accept(tree);
        return new Invalid(name, tree.toString(), field, reason);
    }

    protected ObjectNode sampleTree() {
        return (ObjectNode) json.valueToTree(sample());
    }

    protected static ObjectNode at(ObjectNode root, String child) {
        return (ObjectNode) root.get(child);
    }

    Stream<Invalid> cases() {
        String sample = sampleTree().toString();
        Stream<Invalid> common = Stream.of(
                invalid("unknown schemaVersion", t -> t.put("schemaVersion", 2),
                        "$.schemaVersion", "schemaVersion must be 1 (unknown schema version 2)"),
                invalid("missing schemaVersion", t -> t.remove("schemaVersion"),
                        "$.schemaVersion", "required property 'schemaVersion' is missing"),
                new Invalid("malformed JSON (truncated)", sample.substring(0, sample.length() / 2), "$",
                        "malformed JSON: "),
                new Invalid("malformed JSON (trailing garbage)", sample + " }", "$", "malformed JSON: "),
                new Invalid("not an object", "[" + sample + "]", "$", "expected object, found array"));
        return Stream.concat(common, invalidCases());
    }

    @Test
    void roundTripsThroughBytes() {
        T event = sample();
        assertThat(serde.deserialize(serde.serialize(event), type())).isEqualTo(event);
    }

    @Test
    void roundTripsThroughString() {
        T event = sample();
        assertThat(serde.deserialize(serde.toJson(event), type())).isEqualTo(event);
    }

    @Test
    void serializedJsonValidatesAgainstTheSchemaFile() throws IOException {
        Path file = Path.of("src/main/resources", EventType.of(type()).schemaResource());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                json.readTree(Files.readString(file)),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        JsonNode written = json.readTree(serde.serialize(sample()));
        assertThat(schema.validate(written)).isEmpty();
        assertThat(written.get("schemaVersion").intValue()).isEqualTo(1);
    }

    @Test
    void schemaAcceptsTheSample() {
        serde.validate(sampleTree(), EventType.of(type()));
    }

    @Test
    void writesNoNullsAndIsoInstants() {
        String written = serde.toJson(sample());
        assertThat(written).containsPattern("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"");
        assertThat(containsNull(serde.serialize(sample()))).isFalse();
    }

    private boolean containsNull(byte[] written) {
        try {
            return containsNull(json.readTree(written));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean containsNull(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsNull(child)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void ignoresUnknownFieldsFromNewerWriters() {
        ObjectNode tree = sampleTree();
        tree.put("addedInV1_7", "some later optional field");
        tree.putObject("futureBlock").put("x", 1);
        assertThat(serde.deserialize(tree.toString(), type())).isEqualTo(sample());
    }

    @Test
    void readsExplicitNullAsAbsent() {
        ObjectNode tree = sampleTree();
        tree.putNull(optionalField());
        T read = serde.deserialize(tree.toString(), type());
        assertThat(json.valueToTree(read).has(optionalField())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejects(Invalid c) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> serde.deserialize(c.json(), type()));
        assertThat(e).as("%s should be rejected", c.name()).isNotNull();
        assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(c.field());
        assertThat(e.reason()).contains(c.reason());
        assertThat(e.getMessage()).isEqualTo(c.field() + ": " + e.reason());
    }

    @Test
    void refusesToWriteAnInvalidEvent() {
        ObjectNode tree = sampleTree();
        tree.put("schemaVersion", 2);
        T wrongVersion = json.convertValue(tree, type());
        assertThatThrownBy(() -> serde.serialize(wrongVersion))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("$.schemaVersion: schemaVersion must be 1 (unknown schema version 2)");
    }
}
