package io.ocellus.trainer.data;

/**
 * Preprocessed images of one split held in memory, channels first, with their class indices.
 * {@code pixels} holds {@code count * sampleSize} values, image after image.
 */
public record ImageSet(int count, int sampleSize, float[] pixels, int[] labels) {

    public ImageSet {
        if (pixels.length != (long) count * sampleSize || labels.length != count) {
            throw new IllegalArgumentException("an image set of " + count + " needs " + (long) count * sampleSize
                    + " values and " + count + " labels, got " + pixels.length + " and " + labels.length);
        }
    }

    public static ImageSet empty(int sampleSize) {
        return new ImageSet(0, sampleSize, new float[0], new int[0]);
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
