package io.ocellus.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows in a spool file mapped into memory, outside the heap: the operating system pages them in as batches read
 * them and out when memory is short, so a split may be larger than the heap (and than memory). The file is
 * unlinked as soon as it is mapped, so nothing is left behind whatever way the trainer ends; its space returns when
 * the rows are collected.
 * <p>
 * One mapping holds at most 2 GiB, so the rows are mapped in regions of whole rows, 1 GiB or less each.
 */
final class SpooledRows implements SampleRows {

    private static final long REGION_BYTES = 1L << 30;

    private final int rowSize;
    private final int rowsPerRegion;
    private final FloatBuffer[] regions;

    private SpooledRows(int rowSize, int rowsPerRegion, FloatBuffer[] regions) {
        this.rowSize = rowSize;
        this.rowsPerRegion = rowsPerRegion;
        this.regions = regions;
    }

    /** Room for {@code rows} rows of {@code rowSize} values in a new spool file under {@code directory}. */
    static SpooledRows create(Path directory, int rows, int rowSize) {
        return create(directory, rows, rowSize, REGION_BYTES);
    }

    static SpooledRows create(Path directory, int rows, int rowSize, long regionBytes) {
        long rowBytes = (long) rowSize * Float.BYTES;
        int rowsPerRegion = (int) Math.max(1, Math.min(Integer.MAX_VALUE, regionBytes / rowBytes));
        int regionCount = rows == 0 ? 0 : (rows - 1) / rowsPerRegion + 1;
        FloatBuffer[] regions = new FloatBuffer[regionCount];
        Path file = null;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "ocellus-rows-", ".f32");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (int r = 0; r < regionCount; r++) {
                    long first = (long) r * rowsPerRegion;
                    long count = Math.min(rowsPerRegion, rows - first);
                    // mapping past the end grows the file, sparsely: disk is taken as rows are written
                    regions[r] = channel.map(FileChannel.MapMode.READ_WRITE, first * rowBytes, count * rowBytes)
                            .order(ByteOrder.nativeOrder()).asFloatBuffer();
                }
            }
            return new SpooledRows(rowSize, rowsPerRegion, regions);
        } catch (IOException e) {
            throw new UncheckedIOException("spooling " + rows + " rows of " + rowSize + " values under " + directory
                    + " failed: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the mapping holds the data; a file left behind is only disk taken until the next clean-up
                }
            }
        }
    }

    @Override
    public int rowSize() {
        return rowSize;
    }

    @Override
    public void read(int first, int count, float[] target, int offset) {
        // absolute bulk reads leave the buffer's position alone, so readers on several threads do not collide
        inRuns(first, count, offset, (region, index, at, length) -> region.get(index, target, at, length));
    }

    @Override
    public void write(int first, float[] source, int offset, int count) {
        inRuns(first, count, offset, (region, index, at, length) -> region.put(index, source, at, length));
    }

    /** Splits rows {@code first .. first+count-1} into runs that each lie in one region. */
    private void inRuns(int first, int count, int offset, RunCopy copy) {
        int row = first;
        int at = offset;
        while (row < first + count) {
            int region = row / rowsPerRegion;
            int inRegion = row - region * rowsPerRegion;
            int run = Math.min(first + count - row, rowsPerRegion - inRegion);
            copy.copy(regions[region], inRegion * rowSize, at, run * rowSize);
            row += run;
            at += run * rowSize;
        }
    }

    /** Copies {@code length} values between a region (from {@code index}) and an array (from {@code at}). */
    @FunctionalInterface
    private interface RunCopy {
        void copy(FloatBuffer region, int index, int at, int length);
    }
}
