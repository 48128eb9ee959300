package io.ocellus.detector.domain;

/** A detection that cannot run as asked; {@code status} is the HTTP status the client gets (400, 404, 413, 503). */
public final class InvalidDetectionException extends RuntimeException {

    private final int status;
    private final String slug;

    public InvalidDetectionException(int status, String slug, String message) {
        super(message);
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
