package io.ocellus.ingest.domain.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ocellus.vision.ImageRejectedException;

/**
 * One archive entry's outcome, also one line of the NDJSON answer: the image id for an accepted or duplicate
 * image; status, problem code and reason for a rejected entry; the reason for a skipped one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryOutcome(String entry, EntryResult result, String imageId, Integer status, String code,
                           String reason) {

    // tar names and link targets can be megabytes long (PAX); echoing them whole would unbound the answer
    private static final int MAX_ECHOED_CHARS = 512;

    public EntryOutcome {
        entry = bounded(entry);
        reason = bounded(reason);
    }

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

    static String bounded(String text) {
        return text == null || text.length() <= MAX_ECHOED_CHARS ? text
                : text.substring(0, MAX_ECHOED_CHARS) + "…";
    }
}
