package io.ocellus.commons.messaging;

/** What a failure to process a record says about trying it again. */
public enum FailureKind {
    /** The record itself is at fault (broken contract, undecodable image, missing object, unknown model). */
    PERMANENT,
    /** A try failed for a reason that may pass (timeout, overload): a few more tries, then the dead-letter topic. */
    TRANSIENT,
    /** A dependency (the store, the broker) cannot be reached: wait for it, for as long as an outage may last. */
    UNAVAILABLE
}
