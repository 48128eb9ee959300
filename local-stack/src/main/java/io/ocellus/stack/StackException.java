package io.ocellus.stack;

import java.nio.file.Path;

/** A failure the user must see: which component, why, and optionally the log that explains it. */
public class StackException extends RuntimeException {

    private final String component;
    private final transient Path log;

    public StackException(String component, String reason) {
        this(component, reason, null);
    }

    public StackException(String component, String reason, Path log) {
        super(reason);
        this.component = component;
        this.log = log;
    }

    public String component() {
        return component;
    }

    /** The log file whose tail explains the failure, or null. */
    public Path log() {
        return log;
    }
}
