package io.ocellus.trainer.data;

/**
 * Samples of one split as rows of float32 values, one row per sample, wherever they are held: on the heap for the
 * small sets tests and features make, or in a spool file outside the heap ({@link SpooledRows}) for data sets, so
 * that a data set larger than the trainer's heap trains. Rows are read and written by index, in runs.
 */
public interface SampleRows {

    /** Values per row. */
    int rowSize();

    /** Copies rows {@code first .. first+count-1} into {@code target} from {@code offset} on. */
    void read(int first, int count, float[] target, int offset);

    /**
     * Copies {@code count} rows from {@code source} (from {@code offset} on) to rows {@code first ..}. Writes to
     * different rows may run on different threads at once.
     */
    void write(int first, float[] source, int offset, int count);

    /** Rows held in {@code values}, {@code rowSize} values each, which the caller no longer changes. */
    static SampleRows onHeap(float[] values, int rowSize) {
        return new HeapRows(values, rowSize);
    }
}
