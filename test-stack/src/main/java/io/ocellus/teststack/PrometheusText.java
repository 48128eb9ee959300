package io.ocellus.teststack;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sample values out of a Prometheus text exposition, as a scraper would. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    private PrometheusText() {
    }

    /** The sum of every series of {@code metric} (all label sets), or 0 when the metric is absent. */
    public static double sum(String exposition, String metric) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find() && sample.group(1).equals(metric)) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    /**
     * The sum of the series of {@code metric} whose label set contains every one of {@code labels}
     * (e.g. {@code reason="x"}).
     */
    public static double sum(String exposition, String metric, String... labels) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find() && sample.group(1).equals(metric) && sample.group(2) != null
                    && Arrays.stream(labels).allMatch(sample.group(2)::contains)) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    /** Whether the exposition has at least one sample of {@code metric}. */
    public static boolean has(String exposition, String metric) {
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find() && sample.group(1).equals(metric)) {
                return true;
            }
        }
        return false;
    }
}
