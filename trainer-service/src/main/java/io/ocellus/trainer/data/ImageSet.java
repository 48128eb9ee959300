package io.ocellus.trainer.data;

/**
 * Preprocessed images of one split, channels first, with their class indices: {@code rows} holds one row of
 * {@code sampleSize} values per image, on the heap or spooled outside it ({@link DatasetSpool}).
 */
public record ImageSet(int count, int sampleSize, SampleRows rows, int[] labels) {

    public ImageSet {
        if (rows.rowSize() != sampleSize || labels.length != count) {
            throw new IllegalArgumentException("an image set of " + count + " images of " + sampleSize
                    + " values needs as many labels and rows that size, got " + labels.length + " labels and rows of "
                    + rows.rowSize());
        }
    }

    /** Images held in one heap array, {@code pixels} holding {@code count * sampleSize} values. */
    public ImageSet(int count, int sampleSize, float[] pixels, int[] labels) {
        this(count, sampleSize, heapRows(count, sampleSize, pixels), labels);
    }

    public static ImageSet empty(int sampleSize) {
        return new ImageSet(0, sampleSize, new float[0], new int[0]);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** A copy of images {@code first .. first+n-1}, image after image. */
    public float[] slice(int first, int n) {
        float[] values = new float[Math.multiplyExact(n, sampleSize)];
        rows.read(first, n, values, 0);
        return values;
    }

    /** Copies image {@code index} into {@code target} from {@code offset} on. */
    public void copyImage(int index, float[] target, int offset) {
        rows.read(index, 1, target, offset);
    }

    private static SampleRows heapRows(int count, int sampleSize, float[] pixels) {
        if (pixels.length != (long) count * sampleSize) {
            throw new IllegalArgumentException("an image set of " + count + " needs " + (long) count * sampleSize
                    + " values, got " + pixels.length);
        }
        return SampleRows.onHeap(pixels, sampleSize);
    }
}
