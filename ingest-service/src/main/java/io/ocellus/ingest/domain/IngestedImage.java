package io.ocellus.ingest.domain;

/** The outcome of one upload: where the image lives and whether those bytes were already stored. */
public record IngestedImage(String imageId, String bucket, String objectKey, String contentType, long size,
                            int width, int height, int channels, boolean duplicate) {
}
