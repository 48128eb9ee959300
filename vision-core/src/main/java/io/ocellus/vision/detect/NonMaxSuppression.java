package io.ocellus.vision.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy non-maxima suppression, per class: boxes are taken best score first, and a box is kept unless it
 * overlaps a kept box of its class by more than the IoU threshold. The result is exactly that of the quadratic
 * textbook loop. What makes it fast: kept boxes are filed in a uniform grid by their centre, so a candidate is
 * compared only with the kept boxes whose centre lies close enough for their IoU to pass the threshold (boxes far
 * larger than the typical one are checked separately), on flat arrays of coordinates.
 */
public final class NonMaxSuppression {

    /** A box this many times the mean size is checked against every candidate instead of filed in the grid. */
    private static final double LARGE = 4;

    private NonMaxSuppression() {
    }

    /** The kept boxes, best first (ties in input order), at most {@code maxDetections} of them (0: no limit). */
    public static List<Box> apply(List<Box> boxes, double iouThreshold, int maxDetections) {
        return apply(boxes, iouThreshold, maxDetections, false);
    }

    /**
     * As {@link #apply(List, double, int)}; with {@code acrossClasses} a box is suppressed by a better box of any
     * class, for scenes whose objects do not overlap each other.
     */
    public static List<Box> apply(List<Box> boxes, double iouThreshold, int maxDetections, boolean acrossClasses) {
        if (iouThreshold < 0 || iouThreshold > 1) {
            throw new IllegalArgumentException("the IoU threshold must be in [0, 1], got " + iouThreshold);
        }
        int n = boxes.size();
        if (n == 0) {
            return List.of();
        }
        Coordinates c = new Coordinates(boxes, acrossClasses);
        int[] order = bestFirst(c.score);
        Grid kept = new Grid(c);
        List<Box> result = new ArrayList<>();
        for (int index : order) {
            if (!kept.suppresses(index, iouThreshold)) {
                kept.add(index);
                result.add(boxes.get(index));
                if (maxDetections > 0 && result.size() == maxDetections) {
                    break;
                }
            }
        }
        return result;
    }

    /** Indices by descending score, equal scores in index order: a stable merge sort on primitives. */
    static int[] bestFirst(double[] score) {
        int n = score.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int from = 0; from < n - width; from += 2 * width) {
                int middle = from + width;
                int to = Math.min(from + 2 * width, n);
                int left = from;
                int right = middle;
                int out = from;
                while (left < middle && right < to) {
                    // take from the right only when strictly better: equal scores keep their order
                    buffer[out++] = score[order[right]] > score[order[left]] ? order[right++] : order[left++];
                }
                while (left < middle) {
                    buffer[out++] = order[left++];
                }
                while (right < to) {
                    buffer[out++] = order[right++];
                }
                System.arraycopy(buffer, from, order, from, to - from);
            }
        }
        return order;
    }

    /** The boxes as flat arrays, and the sizes the grid is laid out by. */
    private static final class Coordinates {
        final double[] x1;
        final double[] y1;
        final double[] x2;
        final double[] y2;
        final double[] area;
        final double[] score;
        final int[] label;
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        final double meanWidth;
        final double meanHeight;

        Coordinates(List<Box> boxes, boolean acrossClasses) {
            int n = boxes.size();
            x1 = new double[n];
            y1 = new double[n];
            x2 = new double[n];
            y2 = new double[n];
            area = new double[n];
            score = new double[n];
            label = new int[n];
            double widths = 0;
            double heights = 0;
            for (int i = 0; i < n; i++) {
                Box b = boxes.get(i);
                x1[i] = b.x1();
                y1[i] = b.y1();
                x2[i] = b.x2();
                y2[i] = b.y2();
                area[i] = b.area();
                score[i] = b.score();
                // across classes every box counts as one class
                label[i] = acrossClasses ? 0 : b.label();
                minX = Math.min(minX, b.x1());
                minY = Math.min(minY, b.y1());
                maxX = Math.max(maxX, b.x2());
                maxY = Math.max(maxY, b.y2());
                widths += b.x2() - b.x1();
                heights += b.y2() - b.y1();
            }
            meanWidth = Math.max(widths / n, 1e-9);
            meanHeight = Math.max(heights / n, 1e-9);
        }
    }

    /**
     * Kept boxes filed by the cell of their centre, cells half the mean box size. A kept box can overlap a candidate
     * by more than the threshold only if its centre lies within {@link #reach} of the candidate's, along each axis:
     * those cells are all a query visits. Each cell stores its boxes' coordinates side by side, so that a query reads
     * memory in order.
     */
    private static final class Grid {
        private static final int STRIDE = 6;
        private final Coordinates c;
        private final double cellWidth;
        private final double cellHeight;
        private final int columns;
        private final int rows;
        private final double[][] cells;
        private final int[] sizes;
        private final double largeWidth;
        private final double largeHeight;
        private double[] large = new double[8 * STRIDE];
        private int largeCount;
        private double widest;
        private double tallest;

        Grid(Coordinates c) {
            this.c = c;
            int n = c.x1.length;
            double cw = c.meanWidth / 2;
            double ch = c.meanHeight / 2;
            long cols = Math.max(1, (long) Math.ceil((c.maxX - c.minX) / cw));
            long rws = Math.max(1, (long) Math.ceil((c.maxY - c.minY) / ch));
            // bound the grid: coarser cells only cost comparisons, never correctness
            while (cols * rws > 4L * n + 16) {
                cw *= 2;
                ch *= 2;
                cols = Math.max(1, (long) Math.ceil((c.maxX - c.minX) / cw));
                rws = Math.max(1, (long) Math.ceil((c.maxY - c.minY) / ch));
            }
            cellWidth = cw;
            cellHeight = ch;
            columns = (int) cols;
            rows = (int) rws;
            cells = new double[columns * rows][];
            sizes = new int[columns * rows];
            largeWidth = LARGE * Math.max(c.meanWidth, cw);
            largeHeight = LARGE * Math.max(c.meanHeight, ch);
        }

        private int column(double x) {
            return (int) Math.min(columns - 1, Math.max(0, Math.floor((x - c.minX) / cellWidth)));
        }

        private int row(double y) {
            return (int) Math.min(rows - 1, Math.max(0, Math.floor((y - c.minY) / cellHeight)));
        }

        void add(int box) {
            double w = c.x2[box] - c.x1[box];
            double h = c.y2[box] - c.y1[box];
            if (w > largeWidth || h > largeHeight) {
                large = append(large, largeCount++, box);
                return;
            }
            widest = Math.max(widest, w);
            tallest = Math.max(tallest, h);
            int cell = row((c.y1[box] + c.y2[box]) / 2) * columns + column((c.x1[box] + c.x2[box]) / 2);
            cells[cell] = append(cells[cell] == null ? new double[4 * STRIDE] : cells[cell], sizes[cell]++, box);
        }

        private double[] append(double[] entries, int at, int box) {
            double[] out = (at + 1) * STRIDE > entries.length ? Arrays.copyOf(entries, entries.length * 2) : entries;
            int o = at * STRIDE;
            out[o] = c.x1[box];
            out[o + 1] = c.y1[box];
            out[o + 2] = c.x2[box];
            out[o + 3] = c.y2[box];
            out[o + 4] = c.area[box];
            out[o + 5] = c.label[box];
            return out;
        }

        /** Whether a kept box of the candidate's class overlaps it by more than {@code threshold}. */
        boolean suppresses(int candidate, double threshold) {
            double x1 = c.x1[candidate];
            double y1 = c.y1[candidate];
            double x2 = c.x2[candidate];
            double y2 = c.y2[candidate];
            double area = c.area[candidate];
            double label = c.label[candidate];
            if (overlaps(large, largeCount, x1, y1, x2, y2, area, label, threshold)) {
                return true;
            }
            double cx = (x1 + x2) / 2;
            double cy = (y1 + y2) / 2;
            double rx = reach(x2 - x1, widest, threshold);
            double ry = reach(y2 - y1, tallest, threshold);
            int c1 = column(cx - rx);
            int c2 = column(cx + rx);
            int r1 = row(cy - ry);
            int r2 = row(cy + ry);
            for (int r = r1; r <= r2; r++) {
                for (int col = c1; col <= c2; col++) {
                    int cell = r * columns + col;
                    if (sizes[cell] > 0
                            && overlaps(cells[cell], sizes[cell], x1, y1, x2, y2, area, label, threshold)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * How far apart, along one axis, the centres of a candidate of size {@code size} and a filed box (at most
         * {@code largest}) can lie while their IoU exceeds {@code t}. Their intersection along the axis, {@code i},
         * must exceed t times either size (the intersection's area exceeds t times either box's area, and its other
         * side is at most either box's), so the filed box is smaller than size / t, and the centres lie less than
         * (size + other) / 2 - t * max(size, other) apart; the most that allows over the sizes the other can have
         * is this, plus a margin for rounding.
         */
        static double reach(double size, double largest, double t) {
            double most = t >= 0.5 ? size * (1 - t)
                    : size / 2 + (t > 0 ? Math.min(size / t, largest) : largest) * (0.5 - t);
            return most * (1 + 1e-9) + 1e-9;
        }

        private static boolean overlaps(double[] e, int count, double x1, double y1, double x2, double y2,
                                        double area, double label, double threshold) {
            for (int o = 0; o < count * STRIDE; o += STRIDE) {
                if (e[o + 5] != label) {
                    continue;
                }
                double w = Math.min(x2, e[o + 2]) - Math.max(x1, e[o]);
                if (w <= 0) {
                    continue;
                }
                double h = Math.min(y2, e[o + 3]) - Math.max(y1, e[o + 1]);
                if (h <= 0) {
                    continue;
                }
                double intersection = w * h;
                if (intersection / (area + e[o + 4] - intersection) > threshold) {
                    return true;
                }
            }
            return false;
        }
    }
}
