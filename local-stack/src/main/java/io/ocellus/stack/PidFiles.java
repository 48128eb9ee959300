package io.ocellus.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** {@code pids/<component>.pid}: one decimal pid per file, as {@code kill $(cat …)} expects. */
public final class PidFiles {

    private static final String SUFFIX = ".pid";

    private final StackLayout layout;

    public PidFiles(StackLayout layout) {
        this.layout = layout;
    }

    public void write(String component, long pid) {
        try {
            Files.createDirectories(layout.pidsDir());
            Files.writeString(layout.pidFile(component), pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OptionalLong read(String component) {
        Path file = layout.pidFile(component);
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public void delete(String component) {
        try {
            Files.deleteIfExists(layout.pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Components that have a pid file, in start order (unknown names last). */
    public List<String> components() {
        if (!Files.isDirectory(layout.pidsDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(layout.pidsDir())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .sorted(Comparator.comparingInt(StackComponents::startIndex).thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live process this stack started for the component, if its pid file points at one. */
    public Optional<ProcessHandle> runningProcess(String component) {
        OptionalLong pid = read(component);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessSignature.forComponent(component, layout).find(pid.getAsLong());
    }
}
