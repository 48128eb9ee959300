package io.ocellus.schema;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.networknt.schema.JsonNodePath;

import java.util.List;
import java.util.regex.Pattern;

/** Formats locations as {@code $.a.b[0]}, the same way whether they come from the validator or from Jackson. */
final class JsonPaths {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    static String of(JsonNodePath path) {
        String result = "$";
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            result = element instanceof Integer index ? index(result, index) : child(result, String.valueOf(element));
        }
        return result;
    }

    static String of(List<JsonMappingException.Reference> path) {
        String result = "$";
        for (JsonMappingException.Reference ref : path) {
            result = ref.getFieldName() != null ? child(result, ref.getFieldName()) : index(result, ref.getIndex());
        }
        return result;
    }

    static String child(String parent, String name) {
        return PLAIN_NAME.matcher(name).matches() ? parent + "." + name
                : parent + "['" + name.replace("'", "\\'") + "']";
    }

    private static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
