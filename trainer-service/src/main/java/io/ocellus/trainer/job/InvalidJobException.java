package io.ocellus.trainer.job;

/** A training request that cannot run as asked; the message says what to change. */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String message) {
        super(message);
    }
}
