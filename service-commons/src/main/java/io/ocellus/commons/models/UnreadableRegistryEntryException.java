package io.ocellus.commons.models;

/**
 * A registry entry in the store that does not hold a model entry (broken JSON, or JSON that breaks the entry's
 * schema): the model cannot be served or administered until the entry is put right, and the message says which
 * key and why.
 */
public class UnreadableRegistryEntryException extends IllegalStateException {

    public UnreadableRegistryEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
