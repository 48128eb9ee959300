package io.ocellus.vision;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap a process lets decoded images take, in bytes, shared by everything it decodes at once. An image is
 * measured from its header before a pixel is decoded: one that could never fit is refused (413), one that does not
 * fit now waits briefly for others to finish and is then turned away as busy. Each decoded image holds its share
 * until its {@link Reservation} is closed.
 */
public final class DecodeBudget {

    private static final int UNIT = 1024;

    private final long totalBytes;
    private final Semaphore units;
    private final long waitMillis;

    public DecodeBudget(long totalBytes, long waitMillis) {
        if (totalBytes < UNIT) {
            throw new IllegalArgumentException("a decode budget must be at least 1 KiB, got " + totalBytes);
        }
        this.totalBytes = totalBytes;
        this.units = new Semaphore((int) Math.min(Integer.MAX_VALUE, totalBytes / UNIT), true);
        this.waitMillis = waitMillis;
    }

    /** A budget of {@code fraction} of this JVM's maximum heap. */
    public static DecodeBudget ofHeap(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the decode budget is a share of the heap in (0, 1], got " + fraction);
        }
        return new DecodeBudget((long) (Runtime.getRuntime().maxMemory() * fraction), 5_000);
    }

    /**
     * A budget of {@code mebibytes} when set (a container's memory is better known to its operator than to the
     * JVM), else {@code fraction} of the maximum heap.
     */
    public static DecodeBudget of(double fraction, java.util.OptionalLong mebibytes) {
        return mebibytes.isPresent() ? new DecodeBudget(mebibytes.getAsLong() << 20, 5_000) : ofHeap(fraction);
    }

    /** A budget nothing reaches, for tools that decode one image at a time. */
    public static DecodeBudget unlimited() {
        return new DecodeBudget((long) Integer.MAX_VALUE * UNIT, 0);
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes not reserved right now. */
    public long availableBytes() {
        return (long) units.availablePermits() * UNIT;
    }

    /**
     * Reserves {@code bytes} for an image described by {@code what}: 413 when it exceeds the whole budget,
     * {@link BusyException} when it does not fit before the wait is over.
     */
    public Reservation reserve(long bytes, String what) {
        if (bytes > totalBytes) {
            throw new ImageRejectedException(413, "image-too-large-to-decode", what + " needs about "
                    + mib(bytes) + " MiB of memory to decode and process, above this service's budget of "
                    + mib(totalBytes) + " MiB for images; send a smaller image (fewer pixels or 8-bit samples)");
        }
        int needed = (int) Math.max(1, (bytes + UNIT - 1) / UNIT);
        try {
            if (!units.tryAcquire(needed, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new BusyException(what + " needs about " + mib(bytes) + " MiB to decode and only "
                        + mib(availableBytes()) + " MiB of the " + mib(totalBytes) + " MiB budget for images are free "
                        + "now; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for memory to decode " + what);
        }
        return new Reservation(this, needed);
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** An image's share of the budget; closing it gives the share back (once). */
    public static final class Reservation implements AutoCloseable {
        private final DecodeBudget budget;
        private final int units;
        private boolean released;

        private Reservation(DecodeBudget budget, int units) {
            this.budget = budget;
            this.units = units;
        }

        public long bytes() {
            return (long) units * UNIT;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                budget.units.release(units);
            }
        }
    }

    /** The budget is taken by other images right now: a retry after they finish will fit. */
    public static final class BusyException extends RejectedExecutionException {
        public BusyException(String message) {
            super(message);
        }
    }
}
