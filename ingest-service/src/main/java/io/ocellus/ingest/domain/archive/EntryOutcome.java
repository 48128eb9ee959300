package io.ocellus.ingest.domain.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ocellus.ingest.domain.ImageRejectedException;

/**
 * One archive entry's outcome, also one line of the NDJSON answer: the image id for an accepted or duplicate
 * image; status, problem code and reason for a rejected entry; the reason for a skipped one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryOutcome(String entry, EntryResult result, String imageId, Integer status, String code,
                           String reason) {

    static EntryOutcome ingested(String entry, String imageId, boolean duplicate) {
        return new EntryOutcome(entry, duplicate ? EntryResult.DUPLICATE : EntryResult.ACCEPTED, imageId, null,
                null, null);
    }

    static EntryOutcome rejected(String entry, ImageRejectedException e) {
        return new EntryOutcome(entry, EntryResult.REJECTED, null, e.status(), e.slug(), e.getMessage());
    }

    static EntryOutcome skipped(String entry, String reason) {
        return new EntryOutcome(entry, EntryResult.SKIPPED, null, null, null, reason);
    }
}
