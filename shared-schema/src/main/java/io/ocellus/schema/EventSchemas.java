package io.ocellus.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The compiled JSON Schema of every event, loaded once; compiled schemas are immutable and thread-safe. */
final class EventSchemas {

    private final Map<EventType, JsonSchema> schemas;

    EventSchemas(ObjectMapper mapper) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // 2020-12 treats "format" as an annotation by default; we want date-time checked.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<EventType, JsonSchema> loaded = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            loaded.put(type, factory.getSchema(load(mapper, type.schemaResource()), config));
        }
        this.schemas = Collections.unmodifiableMap(loaded);
    }

    /** Reads a schema resource as a tree; public tools and tests use the same loader. */
    static JsonNode load(ObjectMapper mapper, String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the classpath: " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    /** @throws InvalidEventException describing the most relevant violation */
    void validate(JsonNode document, EventType type) {
        Violations.rejectNonFinite(document, "$");
        Set<ValidationMessage> violations;
        try {
            violations = schemas.get(type).validate(document);
        } catch (RuntimeException e) {
            // Consumers only expect InvalidEventException from bad input; never let a validator quirk escape.
            throw new InvalidEventException("$", "cannot be validated: " + e, e);
        }
        if (!violations.isEmpty()) {
            throw Violations.describe(document, violations);
        }
    }
}
