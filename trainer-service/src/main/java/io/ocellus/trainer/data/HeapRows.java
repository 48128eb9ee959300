package io.ocellus.trainer.data;

/** Rows in one heap array, row after row. */
record HeapRows(float[] values, int rowSize) implements SampleRows {

    @Override
    public void read(int first, int count, float[] target, int offset) {
        System.arraycopy(values, Math.multiplyExact(first, rowSize), target, offset, count * rowSize);
    }

    @Override
    public void write(int first, float[] source, int offset, int count) {
        System.arraycopy(source, offset, values, Math.multiplyExact(first, rowSize), count * rowSize);
    }
}
