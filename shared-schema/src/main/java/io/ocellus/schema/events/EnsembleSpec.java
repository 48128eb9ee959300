package io.ocellus.schema.events;

import java.util.List;

/**
 * Train several nets in one job and publish them as one model that answers the mean of their probabilities.
 * {@code members} is how many (absent: one per entry of {@code architectures}); member {@code k} is built as
 * {@code architectures[k % n]} (absent: the request's architecture for all) and trained with seed {@code seed + k}.
 */
public record EnsembleSpec(Integer members, List<Architecture> architectures) {

    public EnsembleSpec {
        architectures = architectures == null ? null : List.copyOf(architectures);
    }
}
