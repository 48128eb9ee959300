package io.ocellus.ingest.domain.archive;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why reading stopped before the archive's end, and where: the entries read before it keep their outcomes, the
 * rest was never looked at. {@code status} is the HTTP status the whole upload would have had.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveStop(int status, String code, String reason, Long entriesRead, String lastEntry) {

    public ArchiveStop {
        reason = EntryOutcome.bounded(reason);
        lastEntry = EntryOutcome.bounded(lastEntry);
    }

    /** A stop whose position is not known to the one reporting it. */
    public static ArchiveStop of(int status, String code, String reason) {
        return new ArchiveStop(status, code, reason, null, null);
    }
}
