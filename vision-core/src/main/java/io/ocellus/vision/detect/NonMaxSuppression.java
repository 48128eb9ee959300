package io.ocellus.vision.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maxima suppression, per class: boxes are taken best score first, and a box is kept unless it
 * overlaps a kept box of its class by more than the IoU threshold. The result is exactly that of the quadratic
 * textbook loop; a uniform grid over the image finds the kept boxes a candidate can overlap, so that a box is
 * compared only with its neighbours, and the work grows with the number of boxes, not its square.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /**
     * The kept boxes, best first (ties in input order), at most {@code maxDetections} of them (0: no limit).
     */
    public static List<Box> apply(List<Box> boxes, double iouThreshold, int maxDetections) {
        if (iouThreshold < 0 || iouThreshold > 1) {
            throw new IllegalArgumentException("the IoU threshold must be in [0, 1], got " + iouThreshold);
        }
        Integer[] order = new Integer[boxes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -boxes.get(i).score()).thenComparingInt(i -> i));
        KeptIndex kept = KeptIndex.over(boxes);
        List<Box> result = new ArrayList<>();
        for (int index : order) {
            Box candidate = boxes.get(index);
            if (!kept.overlapsMoreThan(candidate, iouThreshold)) {
                kept.add(candidate);
                result.add(candidate);
                if (maxDetections > 0 && result.size() == maxDetections) {
                    break;
                }
            }
        }
        return result;
    }

    /**
     * Kept boxes bucketed by the grid cells they touch. The cell size is the mean box size, so a box touches a
     * few cells and a cell holds few boxes; boxes much larger than that are kept in a list every query checks.
     */
    private static final class KeptIndex {
        private final double originX;
        private final double originY;
        private final double cell;
        private final int columns;
        private final int rows;
        private final List<List<Box>> cells;
        private final List<Box> large = new ArrayList<>();
        private static final int MAX_CELLS_PER_BOX = 64;

        private KeptIndex(double originX, double originY, double cell, int columns, int rows) {
            this.originX = originX;
            this.originY = originY;
            this.cell = cell;
            this.columns = columns;
            this.rows = rows;
            this.cells = new ArrayList<>(columns * rows);
            for (int i = 0; i < columns * rows; i++) {
                cells.add(null);
            }
        }

        static KeptIndex over(List<Box> boxes) {
            if (boxes.isEmpty()) {
                return new KeptIndex(0, 0, 1, 1, 1);
            }
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            double sizes = 0;
            for (Box b : boxes) {
                minX = Math.min(minX, b.x1());
                minY = Math.min(minY, b.y1());
                maxX = Math.max(maxX, b.x2());
                maxY = Math.max(maxY, b.y2());
                sizes += (b.x2() - b.x1()) + (b.y2() - b.y1());
            }
            double cell = Math.max(sizes / (2.0 * boxes.size()), 1e-9);
            long columns = Math.max(1, (long) Math.ceil((maxX - minX) / cell));
            long rows = Math.max(1, (long) Math.ceil((maxY - minY) / cell));
            // bound the grid: coarser cells only cost comparisons, never correctness
            while (columns * rows > 4L * boxes.size() + 16) {
                cell *= 2;
                columns = Math.max(1, (long) Math.ceil((maxX - minX) / cell));
                rows = Math.max(1, (long) Math.ceil((maxY - minY) / cell));
            }
            return new KeptIndex(minX, minY, cell, (int) columns, (int) rows);
        }

        private int column(double x) {
            return (int) Math.min(columns - 1, Math.max(0, Math.floor((x - originX) / cell)));
        }

        private int row(double y) {
            return (int) Math.min(rows - 1, Math.max(0, Math.floor((y - originY) / cell)));
        }

        void add(Box box) {
            int c1 = column(box.x1());
            int c2 = column(box.x2());
            int r1 = row(box.y1());
            int r2 = row(box.y2());
            if ((long) (c2 - c1 + 1) * (r2 - r1 + 1) > MAX_CELLS_PER_BOX) {
                large.add(box);
                return;
            }
            for (int r = r1; r <= r2; r++) {
                for (int c = c1; c <= c2; c++) {
                    int at = r * columns + c;
                    if (cells.get(at) == null) {
                        cells.set(at, new ArrayList<>(4));
                    }
                    cells.get(at).add(box);
                }
            }
        }

        /** Whether a kept box of the candidate's class overlaps it by more than {@code threshold}. */
        boolean overlapsMoreThan(Box candidate, double threshold) {
            for (Box box : large) {
                if (box.label() == candidate.label() && box.iou(candidate) > threshold) {
                    return true;
                }
            }
            int c1 = column(candidate.x1());
            int c2 = column(candidate.x2());
            int r1 = row(candidate.y1());
            int r2 = row(candidate.y2());
            for (int r = r1; r <= r2; r++) {
                for (int c = c1; c <= c2; c++) {
                    List<Box> here = cells.get(r * columns + c);
                    if (here == null) {
                        continue;
                    }
                    for (Box box : here) {
                        if (box.label() == candidate.label() && box.iou(candidate) > threshold) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
