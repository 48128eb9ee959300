package io.ocellus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a freshly started service has warmed up: its throughput, measured in short windows one after another, has
 * stopped rising. A service answering one image per model run keeps getting faster for a minute or more after it
 * starts (the JIT: it compiles a request path after some thousands of requests, and such a service serves a few
 * hundred a second; its compiler threads took a fifth of the service's CPU in the first 20 s), so a fixed short
 * warm-up measures it cold and flatters whatever it is compared with. The load counts as steady once
 * {@code patience} windows in a row have not beaten the best window before them by more than {@code tolerance}.
 */
final class WarmUp {

    private final int patience;
    private final double tolerance;
    private final List<Double> windows = new ArrayList<>();
    private double best;
    private int sinceBest;

    WarmUp(int patience, double tolerance) {
        if (patience < 1) {
            throw new IllegalArgumentException("the patience must be at least one window, got " + patience);
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("the tolerance must not be negative, got " + tolerance);
        }
        this.patience = patience;
        this.tolerance = tolerance;
    }

    /** Records one window's throughput and answers whether the load has reached its steady state. */
    boolean offer(double imagesPerSecond) {
        if (windows.isEmpty() || imagesPerSecond > best * (1 + tolerance)) {
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        windows.add(imagesPerSecond);
        best = Math.max(best, imagesPerSecond);
        return steady();
    }

    boolean steady() {
        return sinceBest >= patience;
    }

    List<Double> windows() {
        return List.copyOf(windows);
    }

    /** The windows' throughputs, e.g. {@code 251, 322, 390, 381 img/s}. */
    @Override
    public String toString() {
        return String.join(", ", windows.stream().map(w -> String.format(Locale.ROOT, "%.0f", w)).toList())
                + " img/s";
    }
}
