package io.ocellus.inference.domain;

/** A request names a model that cannot answer: unknown (404) or known but not served now (503). */
public final class ModelUnavailableException extends RuntimeException {

    private final int status;

    public ModelUnavailableException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
