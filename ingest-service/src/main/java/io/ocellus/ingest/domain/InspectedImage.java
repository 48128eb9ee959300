package io.ocellus.ingest.domain;

/** What decoding told about an uploaded image. */
public record InspectedImage(ImageFormat format, int width, int height, int channels) {
}
