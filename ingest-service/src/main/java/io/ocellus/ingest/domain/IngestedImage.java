package io.ocellus.ingest.domain;

/**
 * The outcome of one upload: where the image lives, whether those bytes were already stored, and whether its event
 * is on the broker ({@code announced}) or kept in the outbox until the broker is back.
 */
public record IngestedImage(String imageId, String bucket, String objectKey, String contentType, long size,
                            int width, int height, int channels, boolean duplicate, boolean announced) {
}
