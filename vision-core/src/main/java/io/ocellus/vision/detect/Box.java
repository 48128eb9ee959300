package io.ocellus.vision.detect;

/**
 * An axis-aligned box in image pixels, {@code x1 <= x2} and {@code y1 <= y2}, with the class and score of what it
 * holds. Areas use continuous coordinates: a box from 10 to 20 is 10 wide.
 */
public record Box(double x1, double y1, double x2, double y2, int label, double score) {

    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("a box needs x1 <= x2 and y1 <= y2, got (" + x1 + ", " + y1 + ", "
                    + x2 + ", " + y2 + ")");
        }
    }

    public double area() {
        return (x2 - x1) * (y2 - y1);
    }

    /** Intersection over union with {@code other}; 0 when either box is empty. */
    public double iou(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        return intersection / (area() + other.area() - intersection);
    }

    public Box withScore(double newScore) {
        return new Box(x1, y1, x2, y2, label, newScore);
    }
}
