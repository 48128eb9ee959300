package io.ocellus.stack.imports;

import java.io.IOException;

/** Where the samples of an import come from; it pushes them one by one, so none has to be held in memory. */
public interface SampleSource {

    /** How many samples the source will emit, for the progress bar's total and ETA; -1 when unknown. */
    long expectedCount();

    /** A short description for the summary, e.g. "fashion-mnist train (/usr/share/datasets/fashion-mnist)". */
    String describe();

    /** Emits every sample in a stable order until the sink declines one. */
    void emit(Sink sink) throws IOException, InterruptedException;

    @FunctionalInterface
    interface Sink {
        /** @return false to stop the source (limit reached, import aborted) */
        boolean accept(Sample sample) throws InterruptedException;
    }
}
