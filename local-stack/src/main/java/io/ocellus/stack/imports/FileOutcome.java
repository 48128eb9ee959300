package io.ocellus.stack.imports;

/**
 * What happened to one sample: stored as new bytes, already stored (a duplicate), rejected by the service with a
 * reason, or failed (its request could not be completed).
 */
public record FileOutcome(String filename, Kind kind, String reason, String detail) {

    public enum Kind { ACCEPTED, DUPLICATE, REJECTED, FAILED }

    static FileOutcome accepted(String filename, boolean duplicate) {
        return new FileOutcome(filename, duplicate ? Kind.DUPLICATE : Kind.ACCEPTED, null, null);
    }
}
