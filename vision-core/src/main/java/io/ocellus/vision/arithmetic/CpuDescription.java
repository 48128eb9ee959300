package io.ocellus.vision.arithmetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU this process runs on, as a report about native arithmetic needs it: its model name and the
 * vector-instruction flags that decide which kernels a native library picks (read from /proc/cpuinfo on Linux).
 */
public record CpuDescription(String model, List<String> vectorFlags) {

    private static final List<String> VECTOR_PREFIXES = List.of("avx", "fma", "f16c", "amx", "sse4", "vnni");

    public static CpuDescription current() {
        return read(Path.of("/proc/cpuinfo")).orElseGet(() -> new CpuDescription(
                System.getProperty("os.arch") + " (" + Runtime.getRuntime().availableProcessors() + " cores)",
                List.of()));
    }

    static Optional<CpuDescription> read(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            String model = null;
            String flags = "";
            for (String line : (Iterable<String>) lines::iterator) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                if (model == null && key.equals("model name")) {
                    model = line.substring(colon + 1).trim();
                } else if (flags.isEmpty() && key.equals("flags")) {
                    flags = line.substring(colon + 1).trim();
                }
            }
            List<String> vector = Arrays.stream(flags.split("\\s+"))
                    .filter(flag -> VECTOR_PREFIXES.stream().anyMatch(flag::startsWith)).sorted().toList();
            return Optional.of(new CpuDescription(model == null ? System.getProperty("os.arch") : model, vector));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return model + (vectorFlags.isEmpty() ? "" : " [" + String.join(" ", vectorFlags) + "]");
    }
}
