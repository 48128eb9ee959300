package io.ocellus.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads and writes events as JSON, checking every event against its JSON Schema in both directions: a
 * producer learns about a bad event when it builds it, not when a consumer dead-letters it. Thread-safe;
 * share {@link #instance()}.
 */
public final class EventSerde {

    private static final Pattern SOURCE =
            Pattern.compile("\\(start marker at \\[Source: .*?line: (\\d+), column: (\\d+)]\\)");
    private static final EventSerde INSTANCE = new EventSerde();

    private final ObjectMapper mapper;
    private final EventSchemas schemas;

    public EventSerde() {
        this.mapper = newObjectMapper();
        this.schemas = new EventSchemas(mapper);
    }

    public static EventSerde instance() {
        return INSTANCE;
    }

    /**
     * A mapper configured like the serde's: ISO-8601 instants, nulls omitted, unknown properties ignored
     * (forward compatibility), strict JSON. For code that embeds events in other JSON, e.g. REST responses.
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Trailing garbage, duplicate keys and NaN mean the writer is broken: reject, don't guess.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** UTF-8 JSON of {@code event}. @throws InvalidEventException if the event violates its schema */
    public byte[] serialize(Object event) {
        try {
            return mapper.writeValueAsBytes(checkedTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a validated tree", e);
        }
    }

    /** @throws InvalidEventException if the event violates its schema */
    public String toJson(Object event) {
        try {
            return mapper.writeValueAsString(checkedTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a validated tree", e);
        }
    }

    /** @throws InvalidEventException if the bytes are not JSON, violate the schema or do not fit the record */
    public <T> T deserialize(byte[] json, Class<T> type) {
        EventType eventType = EventType.of(type);
        JsonNode tree = parse(json);
        schemas.validate(tree, eventType);
        return map(tree, type);
    }

    /** @throws InvalidEventException if the text is not JSON, violates the schema or does not fit the record */
    public <T> T deserialize(String json, Class<T> type) {
        return deserialize(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Checks an already parsed document. @throws InvalidEventException describing the first violation */
    public void validate(JsonNode json, EventType type) {
        schemas.validate(json, type);
    }

    private JsonNode checkedTree(Object event) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        JsonNode tree = mapper.valueToTree(event);
        schemas.validate(tree, EventType.of(event.getClass()));
        return tree;
    }

    private JsonNode parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("$", "malformed JSON: empty payload");
        }
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidEventException("$", "malformed JSON: no content");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            String reason = "malformed JSON: " + withoutSource(e.getOriginalMessage()) + where;
            throw new InvalidEventException("$", reason, e);
        } catch (IOException e) {
            throw new InvalidEventException("$", "malformed JSON: " + e.getMessage(), e);
        }
    }

    // Jackson cites where an unclosed object began as "[Source: REDACTED ...; line: 1, column: 1]"; keep the place.
    private static String withoutSource(String message) {
        return SOURCE.matcher(message).replaceAll("(opened at line $1, column $2)");
    }

    // Reached only by values the schema allows but the record cannot hold, e.g. an int field above 2^31.
    private <T> T map(JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new InvalidEventException(JsonPaths.of(e.getPath()), e.getOriginalMessage(), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("$", e.getMessage(), e);
        }
    }
}
