package io.ocellus.schema.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes registry entries ({@code registry/<name>.json}) under their contract,
 * {@code schemas/model-registry-entry.v1.schema.json}: an entry that breaks it is refused with the reason, on
 * the way in and on the way out, like an event that breaks its schema. Its versions are checked against the
 * ModelPublished schema. Thread-safe.
 */
public final class RegistryEntries {

    public static final String SCHEMA_RESOURCE = "schemas/model-registry-entry.v1.schema.json";
    private static final String SCHEMA_BASE = "https://ocellus.io/schemas/";

    private final ObjectMapper json = EventSerde.newObjectMapper();
    private final JsonSchema schema;

    public RegistryEntries() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + "model-registry-entry.v1.schema.json"), config);
    }

    /** The entry in {@code bytes}; throws {@link InvalidEventException} when they break the contract. */
    public ModelEntry read(byte[] bytes) {
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidEventException("$", "is not JSON: " + e.getMessage(), e);
        }
        check(tree);
        try {
            return json.treeToValue(tree, ModelEntry.class);
        } catch (IOException e) {
            throw new InvalidEventException("$", "does not read as a registry entry: " + e.getMessage(), e);
        }
    }

    /** The entry as the bytes of its object; throws {@link InvalidEventException} when it breaks the contract. */
    public byte[] write(ModelEntry entry) {
        JsonNode tree = json.valueToTree(entry);
        check(tree);
        try {
            return json.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the registry entry of " + entry.name(), e);
        }
    }

    private void check(JsonNode tree) {
        Set<ValidationMessage> violations = schema.validate(tree);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("$", "breaks the registry entry schema: " + violations.stream()
                    .map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
    }
}
