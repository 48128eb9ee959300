package io.ocellus.stack.train;

/** The train command cannot go on; the message says why and what to do. */
public class TrainAbortedException extends RuntimeException {

    public TrainAbortedException(String message) {
        super(message);
    }
}
