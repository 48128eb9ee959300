package io.ocellus.commons.storage;

/** The object store could not be reached or refused an operation; callers answer 503 rather than 500. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
