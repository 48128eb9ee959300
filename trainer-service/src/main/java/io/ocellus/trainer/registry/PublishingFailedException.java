package io.ocellus.trainer.registry;

/** A trained net could not be exported, stored or registered; the job fails with this reason. */
public final class PublishingFailedException extends RuntimeException {

    public PublishingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
