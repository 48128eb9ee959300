package io.ocellus.schema.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Object keys of content-addressed images: {@code sha256/<first 2 hex>/<64 hex>}. The two-character fan-out keeps
 * any one listing prefix small when a bucket holds millions of images.
 */
public final class ContentKeys {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ContentKeys() {
    }

    /** The content address of {@code bytes}: their SHA-256, 64 lowercase hex characters. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static String forImage(String imageId) {
        if (imageId == null || !SHA256_HEX.matcher(imageId).matches()) {
            throw new IllegalArgumentException("image id must be 64 lowercase hex characters (sha256): " + imageId);
        }
        return "sha256/" + imageId.substring(0, 2) + "/" + imageId;
    }
}
