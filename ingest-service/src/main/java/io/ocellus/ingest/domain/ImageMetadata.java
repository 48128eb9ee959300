package io.ocellus.ingest.domain;

import io.ocellus.vision.InspectedImage;
import io.minio.StatObjectResponse;

import java.util.Map;

/**
 * What the store keeps about an image beside its bytes, as S3 user metadata, so that an image's description comes
 * from the store itself and needs no database.
 */
public record ImageMetadata(String imageId, String contentType, long size, int width, int height, int channels) {

    static Map<String, String> of(InspectedImage image) {
        return Map.of("width", Integer.toString(image.width()), "height", Integer.toString(image.height()),
                "channels", Integer.toString(image.channels()));
    }

    public static ImageMetadata from(String imageId, StatObjectResponse stat) {
        Map<String, String> meta = stat.userMetadata();
        return new ImageMetadata(imageId, stat.contentType(), stat.size(), intOf(meta, "width"),
                intOf(meta, "height"), intOf(meta, "channels"));
    }

    /**
     * The named value, or 0 (unknown) when it is absent or not a number: an object written by another tool must
     * still be described, not turn the request into a server error.
     */
    static int intOf(Map<String, String> meta, String name) {
        // S3 servers differ in the case they give metadata names back in
        return meta.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> parse(e.getValue())).findFirst().orElse(0);
    }

    private static int parse(String value) {
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }
}
