package io.ocellus.trainer.data;

/** The data set cannot be trained on: it does not exist, has one class, or an image cannot be read. */
public class DatasetUnusableException extends RuntimeException {

    public DatasetUnusableException(String message) {
        super(message);
    }

    public DatasetUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
