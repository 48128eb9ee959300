package io.ocellus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Gathers the results the benchmarks of one suite run wrote ({@link BenchResult}) into one table of ratios, with
 * the date, the CPU, its cores and the versions measured: {@code latest.json} and {@code latest.md} in the output
 * folder, and the same table in {@code bench/README.md} between its markers, so the page shows the last run and
 * not figures copied by hand.
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Writes the suite's table of ratios as JSON and Markdown, and into bench/README.md.")
public final class BenchReport implements Callable<Integer> {

    static final String START = "<!-- bench/all.sh: latest run (written by the suite; do not edit by hand) -->";
    static final String END = "<!-- bench/all.sh: end of latest run -->";

    @Option(names = "--runs", required = true, description = "folder of the benchmarks' result files")
    Path runs;

    @Option(names = "--out", required = true, description = "folder for latest.json and latest.md")
    Path out;

    @Option(names = "--readme", description = "the page whose latest-run section is replaced")
    Path readme;

    @Option(names = "--mode", defaultValue = "full", description = "quick or full")
    String mode;

    @Option(names = "--minutes", defaultValue = "0", description = "how long the suite ran")
    double minutes;

    @Option(names = "--version", description = "name=version of a component measured (repeatable)")
    Map<String, String> versions = new LinkedHashMap<>();

    @Option(names = "--failed", description = "a benchmark that did not finish, with why (repeatable)")
    List<String> failed = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode report = json.createObjectNode();
        report.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("mode", mode);
        report.put("minutes", Math.round(minutes * 10) / 10.0);
        report.put("cpu", cpuModel());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.set("versions", json.valueToTree(versions));
        ArrayNode benchmarks = report.putArray("benchmarks");
        try (Stream<Path> files = Files.list(runs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                benchmarks.add(json.readTree(file.toFile()));
            }
        }
        report.set("failed", json.valueToTree(failed));
        Files.createDirectories(out);
        json.writeValue(out.resolve("latest.json").toFile(), report);
        String table = markdown(report);
        Files.writeString(out.resolve("latest.md"), table, StandardCharsets.UTF_8);
        if (readme != null) {
            Files.writeString(readme, replaceSection(Files.readString(readme, StandardCharsets.UTF_8), table),
                    StandardCharsets.UTF_8);
        }
        System.out.println(table);
        return 0;
    }

    static String markdown(JsonNode report) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run of %s (%s mode, %.0f min) on %s, %d cores.%n%n",
                report.path("date").asText(), report.path("mode").asText(), report.path("minutes").asDouble(),
                report.path("cpu").asText(), report.path("cores").asInt()));
        List<String> versions = new ArrayList<>();
        report.path("versions").fields().forEachRemaining(e -> versions.add(e.getKey() + " " + e.getValue()
                .asText()));
        if (!versions.isEmpty()) {
            md.append("Versions: ").append(String.join(", ", versions)).append(".\n\n");
        }
        md.append("| benchmark | measure | Ocellus | peer | ratio or figure | goal | met |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (JsonNode benchmark : report.path("benchmarks")) {
            for (JsonNode row : benchmark.path("rows")) {
                JsonNode met = row.path("met");
                md.append("| ").append(cell(benchmark.path("benchmark").asText()))
                        .append(" | ").append(cell(row.path("measure").asText()))
                        .append(" | ").append(cell(row.path("ocellus").asText()))
                        .append(" | ").append(cell(row.path("peer").asText()))
                        .append(" | **").append(figure(row.path("value").asDouble()))
                        .append(cell(row.path("unit").asText())).append("**")
                        .append(" | ").append(cell(row.path("goal").asText()))
                        .append(" | ").append(met.isNull() || met.isMissingNode() ? "" : met.asBoolean() ? "yes"
                                : "**no**")
                        .append(" |\n");
            }
        }
        md.append('\n');
        for (JsonNode benchmark : report.path("benchmarks")) {
            List<String> settings = new ArrayList<>();
            benchmark.path("settings").fields().forEachRemaining(e -> settings.add(e.getKey() + " " + e.getValue()
                    .asText()));
            md.append("- ").append(benchmark.path("benchmark").asText()).append(": ")
                    .append(String.join(", ", settings)).append('\n');
        }
        for (JsonNode failure : report.path("failed")) {
            md.append("- **did not finish**: ").append(failure.asText()).append('\n');
        }
        return md.toString();
    }

    /** {@code page} with the text between the markers replaced by {@code table}; the markers appended if absent. */
    static String replaceSection(String page, String table) {
        String section = START + "\n" + table.strip() + "\n" + END;
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        if (start < 0 || end < start) {
            return page.stripTrailing() + "\n\n" + section + "\n";
        }
        return page.substring(0, start) + section + page.substring(end + END.length());
    }

    private static String figure(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The CPU's model name, with its family and model numbers: parts of one name differ in what they compute. */
    private static String cpuModel() {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (line.isBlank()) {
                    break;
                }
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException ignored) {
            // not Linux: the architecture will do
        }
        if (!fields.containsKey("model name")) {
            return System.getProperty("os.arch");
        }
        return fields.get("model name") + " (family " + fields.getOrDefault("cpu family", "?") + ", model "
                + fields.getOrDefault("model", "?") + ")";
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchReport()).execute(args));
    }
}
