package io.ocellus.ingest.domain.archive;

/**
 * The upload is no archive Ocellus can read, found before any entry was taken in, so the whole request can still
 * be refused; {@code status} is the HTTP status the client gets.
 */
public class ArchiveUnreadableException extends RuntimeException {

    private final int status;
    private final String slug;

    public ArchiveUnreadableException(int status, String slug, String reason) {
        super(reason);
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
