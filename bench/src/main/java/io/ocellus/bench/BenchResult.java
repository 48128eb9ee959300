package io.ocellus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one benchmark measured, as rows of Ocellus against a peer measured in the same run, for the suite
 * ({@code bench/all.sh}) to gather into one table. A benchmark writes it as JSON to the file named by the
 * environment variable {@value #FILE_VARIABLE} when that is set, and prints its own report either way.
 */
final class BenchResult {

    static final String FILE_VARIABLE = "OCELLUS_BENCH_RESULT";

    /**
     * One comparison: {@code value} is the ratio (or, where there is no peer, the figure) that {@code goal} speaks
     * of, and {@code met} says whether it holds (null where the row has no goal).
     */
    record Row(String measure, String ocellus, String peer, double value, String unit, String goal, Boolean met) {
    }

    private final String benchmark;
    private final Map<String, String> settings = new TreeMap<>();
    private final List<Row> rows = new ArrayList<>();

    BenchResult(String benchmark) {
        this.benchmark = benchmark;
    }

    /** Records how the benchmark ran (sizes, threads, the served model), shown beside its rows. */
    BenchResult setting(String name, Object value) {
        settings.put(name, String.valueOf(value));
        return this;
    }

    /** A ratio whose goal is a minimum: {@code value >= goal}. */
    BenchResult atLeast(String measure, String ocellus, String peer, double value, String unit, double goal) {
        rows.add(new Row(measure, ocellus, peer, value, unit, ">= " + trim(goal) + unit, value >= goal));
        return this;
    }

    /** A figure whose goal is a maximum: {@code value < goal}. */
    BenchResult below(String measure, String ocellus, String peer, double value, String unit, double goal) {
        rows.add(new Row(measure, ocellus, peer, value, unit, "< " + trim(goal) + unit, value < goal));
        return this;
    }

    /** A ratio reported without a goal. */
    BenchResult reported(String measure, String ocellus, String peer, double value, String unit) {
        rows.add(new Row(measure, ocellus, peer, value, unit, "", null));
        return this;
    }

    /** Writes the result where the suite asked for it; nothing when the benchmark runs on its own. */
    void writeIfAsked() throws IOException {
        String file = System.getenv(FILE_VARIABLE);
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(),
                Map.of("benchmark", benchmark, "settings", settings, "rows", rows));
    }

    static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
