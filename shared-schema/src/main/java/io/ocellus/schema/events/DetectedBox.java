package io.ocellus.schema.events;

/** A detection in original-image pixel coordinates, (x1, y1) top-left inclusive, (x2, y2) bottom-right. */
public record DetectedBox(int x1, int y1, int x2, int y2, String label, double score) {
}
