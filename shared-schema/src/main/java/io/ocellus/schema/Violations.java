package io.ocellus.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns the validator's messages into one precise, human {@link InvalidEventException}. */
final class Violations {

    private static final int MAX_VALUE_CHARS = 80;

    private Violations() {
    }

    static InvalidEventException describe(JsonNode document, Collection<ValidationMessage> messages) {
        ValidationMessage first = messages.stream().min(Comparator.comparingInt(Violations::rank)).orElseThrow();
        return translate(document, first);
    }

    // A wrong schemaVersion explains every other difference, so it wins; otherwise the validator's order stands.
    private static int rank(ValidationMessage m) {
        boolean version = "schemaVersion".equals(m.getProperty()) && m.getInstanceLocation().getNameCount() == 0
                || isSchemaVersion(m.getInstanceLocation());
        return version ? 0 : 1;
    }

    private static boolean isSchemaVersion(JsonNodePath path) {
        return path.getNameCount() == 1 && "schemaVersion".equals(path.getElement(0));
    }

    private static InvalidEventException translate(JsonNode document, ValidationMessage m) {
        JsonNodePath at = m.getInstanceLocation();
        JsonNode value = resolve(document, at);
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        String field = JsonPaths.of(at);
        String reason;
        switch (m.getType()) {
            case "required" -> {
                field = JsonPaths.child(field, m.getProperty());
                reason = "required property '" + m.getProperty() + "' is missing";
            }
            case "type", "unionType" -> reason = "expected " + typeList(m.getSchemaNode()) + ", found "
                    + typeOf(value);
            case "const" -> reason = isSchemaVersion(at)
                    ? "schemaVersion must be 1 (unknown schema version " + show(value) + ")"
                    : "must be " + show(m.getSchemaNode()) + ", found " + show(value);
            case "enum" -> reason = show(value) + " is not one of " + enumList(m.getSchemaNode());
            case "pattern" -> reason = show(value) + " does not match " + m.getSchemaNode().asText();
            case "minimum" -> reason = "must be >= " + arg(args, 0) + ", found " + show(value);
            case "exclusiveMinimum" -> reason = "must be > " + arg(args, 0) + ", found " + show(value);
            case "maximum" -> reason = "must be <= " + arg(args, 0) + ", found " + show(value);
            case "exclusiveMaximum" -> reason = "must be < " + arg(args, 0) + ", found " + show(value);
            case "minLength" -> reason = "1".equals(arg(args, 0)) ? "must not be empty"
                    : "must be at least " + arg(args, 0) + " characters long";
            case "maxLength" -> reason = "must be at most " + arg(args, 0) + " characters long";
            case "minItems" -> reason = "must have at least " + arg(args, 0) + " item(s), found " + value.size();
            case "maxItems" -> reason = "must have at most " + arg(args, 0) + " item(s), found " + value.size();
            case "uniqueItems" -> reason = "items must be unique";
            case "format" -> reason = show(value) + " is not a valid " + m.getSchemaNode().asText()
                    + formatHint(m.getSchemaNode().asText());
            default -> reason = stripLocation(m);
        }
        return new InvalidEventException(field, reason);
    }

    /**
     * JSON has no NaN or infinity: Jackson would write them as strings, and the validator cannot compare them,
     * so they are reported here, before validation, with the fix in the message.
     */
    static void rejectNonFinite(JsonNode node, String path) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new InvalidEventException(path, "must be a finite number, found " + node.doubleValue()
                    + " (JSON has no NaN or infinity; send null when a metric is undefined)");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNonFinite(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                rejectNonFinite(field.getValue(), JsonPaths.child(path, field.getKey()));
            }
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNodePath path) {
        JsonNode node = document;
        for (int i = 0; i < path.getNameCount() && node != null; i++) {
            Object element = path.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node;
    }

    private static String typeList(JsonNode typeKeyword) {
        if (typeKeyword == null) {
            return "another type";
        }
        if (!typeKeyword.isArray()) {
            return typeKeyword.asText();
        }
        return stream(typeKeyword).map(JsonNode::asText).collect(Collectors.joining(" or "));
    }

    // Optional enums list null so an explicit null passes; it is not a value anyone should pick.
    private static String enumList(JsonNode enumKeyword) {
        return stream(enumKeyword).filter(n -> !n.isNull()).map(JsonNode::asText)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String typeOf(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case MISSING -> "nothing";
        };
    }

    private static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }

    private static String formatHint(String format) {
        return "date-time".equals(format) ? " (RFC 3339, e.g. 2025-01-31T12:00:00Z)" : "";
    }

    private static String arg(Object[] args, int i) {
        return i < args.length ? String.valueOf(args[i]) : "?";
    }

    // The validator prefixes its messages with the location, which the exception already carries.
    private static String stripLocation(ValidationMessage m) {
        String prefix = m.getInstanceLocation() + ": ";
        String message = m.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
