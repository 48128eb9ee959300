package io.ocellus.commons.storage;

import java.util.regex.Pattern;

/**
 * Object keys of content-addressed images: {@code sha256/<first 2 hex>/<64 hex>}. The two-character fan-out keeps
 * any one listing prefix small when a bucket holds millions of images.
 */
public final class ContentKeys {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ContentKeys() {
    }

    public static String forImage(String imageId) {
        if (imageId == null || !SHA256_HEX.matcher(imageId).matches()) {
            throw new IllegalArgumentException("image id must be 64 lowercase hex characters (sha256): " + imageId);
        }
        return "sha256/" + imageId.substring(0, 2) + "/" + imageId;
    }
}
