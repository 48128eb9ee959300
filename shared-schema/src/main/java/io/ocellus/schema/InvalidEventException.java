package io.ocellus.schema;

/**
 * An event that cannot be read or written: malformed JSON, a schema violation, or a value the record cannot
 * hold. Consumers send the original bytes to the dead-letter topic with {@link #getMessage()} as the reason.
 */
public class InvalidEventException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidEventException(String field, String reason) {
        this(field, reason, null);
    }

    public InvalidEventException(String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** JSON path of the offending value, e.g. {@code $.imageId} or {@code $.tasks[0]}; {@code $} for the document. */
    public String field() {
        return field;
    }

    /** Why it is invalid, in words, e.g. {@code required property 'imageId' is missing}. */
    public String reason() {
        return reason;
    }
}
