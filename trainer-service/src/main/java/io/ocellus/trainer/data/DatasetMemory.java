package io.ocellus.trainer.data;

import java.util.Locale;

/**
 * Whether a data set fits the trainer's heap as the float32 tensors training reads (each split in one array), so
 * that a job that cannot fit is refused with the numbers before it decodes a single image, rather than dying of
 * an {@link OutOfMemoryError} half-way through loading.
 */
public final class DatasetMemory {

    /** The share of the heap a data set may take; the rest is for the network, the batches and the service. */
    static final double HEAP_SHARE = 0.5;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private DatasetMemory() {
    }

    /** Throws {@link DatasetUnusableException} naming the sizes when {@code plan} cannot be held. */
    public static void check(DatasetPlan plan, int sampleValues, long maxHeapBytes) {
        SplitPlan splits = plan.splits();
        long images = (long) splits.train().size() + splits.validation().size() + splits.test().size();
        long largest = Math.max(splits.train().size(), Math.max(splits.validation().size(), splits.test().size()));
        long bytes = images * sampleValues * Float.BYTES;
        long budget = (long) (maxHeapBytes * HEAP_SHARE);
        if (largest * sampleValues > MAX_ARRAY) {
            throw new DatasetUnusableException(String.format(Locale.ROOT, "data set '%s': a split of %d images of %d "
                    + "values each is more than one array holds (%d values); use a smaller input shape or fewer "
                    + "images", plan.name(), largest, sampleValues, MAX_ARRAY));
        }
        if (bytes > budget) {
            throw new DatasetUnusableException(String.format(Locale.ROOT, "data set '%s': %d images of %d float32 "
                    + "values need %d MiB, more than the %d MiB (half the trainer's %d MiB heap) a data set may "
                    + "take; use a smaller input shape or fewer images, or give the trainer more memory (-Xmx)",
                    plan.name(), images, sampleValues, bytes >> 20, budget >> 20, maxHeapBytes >> 20));
        }
    }
}
