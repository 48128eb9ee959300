package io.ocellus.ingest.domain.archive;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one archive entry. */
public enum EntryResult {
    ACCEPTED("accepted"),
    DUPLICATE("duplicate"),
    REJECTED("rejected"),
    SKIPPED("skipped");

    private final String value;

    EntryResult(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
