package io.ocellus.vision;

/** An upload that is not an acceptable image; {@code status} is the HTTP status the client gets. */
public class ImageRejectedException extends RuntimeException {

    private final int status;
    private final String slug;

    public ImageRejectedException(int status, String slug, String reason) {
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
