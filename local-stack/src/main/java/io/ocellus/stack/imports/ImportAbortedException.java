package io.ocellus.stack.imports;

import io.ocellus.stack.StackException;

/** Stops an import at once: continuing could only repeat the same failure for every remaining batch. */
public class ImportAbortedException extends StackException {

    public ImportAbortedException(String reason) {
        super("import", reason);
    }
}
