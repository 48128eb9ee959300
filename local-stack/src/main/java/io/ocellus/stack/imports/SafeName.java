package io.ocellus.stack.imports;

import java.util.regex.Pattern;

/**
 * The rule ingest-service applies to data-set names and labels (they become object-key segments), checked here
 * too so an import fails before its first request instead of once per batch.
 */
public final class SafeName {

    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final String RULE = "use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, "
            + "without '..'";

    private SafeName() {
    }

    public static boolean isSafe(String name) {
        return name != null && PATTERN.matcher(name).matches() && !name.contains("..");
    }
}
