package io.ocellus.serving;

/** A model version that cannot be served; {@code reason} is a short label for metrics. */
public final class ModelLoadException extends RuntimeException {

    private final String reason;

    public ModelLoadException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
