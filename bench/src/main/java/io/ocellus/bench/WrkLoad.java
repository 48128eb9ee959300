package io.ocellus.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop HTTP load from {@code wrk} (Debian's, C and event-driven): {@code connections} clients each POST
 * one body after another, cycling through the bodies given. On two cores a JVM client with a thread per
 * connection takes a large share of the CPU from the server it measures; wrk takes a few percent.
 */
final class WrkLoad {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s|m)\\s*$",
            Pattern.MULTILINE);

    private final Path script;
    private final URI target;

    private WrkLoad(Path script, URI target) {
        this.script = script;
        this.target = target;
    }

    /** Writes the bodies and a Lua script that sends them in turn with {@code headers}. */
    static WrkLoad prepare(URI target, Map<String, String> headers, List<byte[]> bodies) throws IOException {
        Path dir = Files.createTempDirectory("ocellus-wrk-");
        dir.toFile().deleteOnExit();
        StringBuilder lua = new StringBuilder("local bodies = {}\n");
        for (int i = 0; i < bodies.size(); i++) {
            Path body = dir.resolve("body-" + i);
            Files.write(body, bodies.get(i));
            body.toFile().deleteOnExit();
            lua.append("do local f = assert(io.open(").append(luaString(body.toString()))
                    .append(", \"rb\")); bodies[#bodies + 1] = f:read(\"*a\"); f:close() end\n");
        }
        lua.append("wrk.method = \"POST\"\n");
        headers.forEach((name, value) -> lua.append("wrk.headers[").append(luaString(name)).append("] = ")
                .append(luaString(value)).append('\n'));
        lua.append("local sent = 0\n")
                .append("request = function()\n")
                .append("  sent = sent + 1\n")
                .append("  return wrk.format(nil, nil, nil, bodies[(sent % #bodies) + 1])\n")
                .append("end\n");
        Path script = dir.resolve("load.lua");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        script.toFile().deleteOnExit();
        return new WrkLoad(script, target);
    }

    /** Runs {@code warmUp} unmeasured, then {@code measure}; each request carries {@code samplesPerRequest}. */
    LoadResult run(int connections, Duration warmUp, Duration measure, int samplesPerRequest)
            throws IOException, InterruptedException {
        wrk(connections, warmUp);
        return parse(wrk(connections, measure), samplesPerRequest);
    }

    /**
     * Loads the service in windows of {@code window} until {@code warmUp} finds its throughput steady or
     * {@code atMost} has passed, and answers whether it became steady.
     */
    boolean warmUp(int connections, int samplesPerRequest, Duration window, Duration atMost, WarmUp warmUp)
            throws IOException, InterruptedException {
        long windows = Math.max(2, atMost.toSeconds() / Math.max(1, window.toSeconds()));
        for (long i = 0; i < windows; i++) {
            if (warmUp.offer(parse(wrk(connections, window), samplesPerRequest).imagesPerSecond())) {
                return true;
            }
        }
        return false;
    }

    private String wrk(int connections, Duration duration) throws IOException, InterruptedException {
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "60s", "--latency", "-s",
                script.toString(), target.toString()));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            wrk.destroyForcibly();
            throw new IOException("wrk failed: " + out);
        }
        return out;
    }

    static LoadResult parse(String out, int samplesPerRequest) {
        Matcher requests = REQUESTS.matcher(out);
        if (!requests.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + out);
        }
        int count = Integer.parseInt(requests.group(1));
        Duration elapsed = Duration.ofNanos((long) (Double.parseDouble(requests.group(2))
                * nanosPer(requests.group(3))));
        int failures = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            failures += Integer.parseInt(non2xx.group(1));
        }
        Matcher errors = SOCKET_ERRORS.matcher(out);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Integer.parseInt(errors.group(g));
            }
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double millis = Double.parseDouble(percentile.group(2)) * nanosPer(percentile.group(3)) / 1e6;
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        return new LoadResult(count, failures, elapsed, samplesPerRequest, p50, p99);
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> throw new IllegalArgumentException("unknown wrk time unit " + unit);
        };
    }

    private static String luaString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
