package io.ocellus.stack.imports;

import io.ocellus.samples.IdxFile;
import io.ocellus.samples.GrayscalePng;

import io.ocellus.stack.StackException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fashion-MNIST from its IDX files (Debian's {@code dataset-fashion-mnist}): 60,000 training and 10,000 test
 * images (the {@code t10k} files), 28x28 gray, each emitted as an 8-bit grayscale PNG under its label's safe name.
 */
public final class FashionMnist implements SampleSource {

    public static final String PACKAGE = "dataset-fashion-mnist";
    /** The class names of the data set, in label order, spelled as safe data-set labels. */
    public static final List<String> LABELS = List.of("t-shirt-top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle-boot");

    /** One split's pair of files. */
    record Part(String split, Path images, Path labels) {
    }

    private final List<Part> parts;

    public FashionMnist(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * @param splits {@code train}, {@code test} or both
     * @param directory where the IDX files are; null: the Debian package's files (installed when missing)
     */
    public static FashionMnist locate(List<String> splits, Path directory, PrintStream stderr)
            throws IOException, InterruptedException {
        List<Path> files = directory != null ? listDirectory(directory) : new DebianPackage(PACKAGE, stderr).files();
        List<Part> parts = new ArrayList<>();
        for (String split : splits) {
            String prefix = split.equals("test") ? "t10k" : "train";
            parts.add(new Part(split, find(files, prefix + "-images-idx3-ubyte", directory),
                    find(files, prefix + "-labels-idx1-ubyte", directory)));
        }
        return new FashionMnist(parts);
    }

    private static List<Path> listDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new StackException("import", directory + " is not a directory");
        }
        try (var files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Path find(List<Path> files, String stem, Path directory) {
        return files.stream().filter(f -> {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.equals(stem) || name.equals(stem + ".gz");
        }).findFirst().orElseThrow(() -> new StackException("import", "no " + stem + "(.gz) "
                + (directory == null ? "among the files of the package " + PACKAGE : "in " + directory)));
    }

    @Override
    public long expectedCount() {
        long count = 0;
        for (Part part : parts) {
            try (IdxFile.Images images = IdxFile.openImages(part.images())) {
                count += images.count();
            } catch (IOException e) {
                return -1; // emit() reports the broken file
            }
        }
        return count;
    }

    @Override
    public String describe() {
        return "fashion-mnist " + String.join("+", parts.stream().map(Part::split).toList()) + " ("
                + parts.get(0).images().getParent() + ")";
    }

    @Override
    public void emit(Sink sink) throws IOException, InterruptedException {
        for (Part part : parts) {
            if (!emit(part, sink)) {
                return;
            }
        }
    }

    private static boolean emit(Part part, Sink sink) throws IOException, InterruptedException {
        byte[] labels = IdxFile.readLabels(part.labels());
        try (IdxFile.Images images = IdxFile.openImages(part.images())) {
            if (images.count() != labels.length) {
                throw new IdxFile.IdxFormatException(part.images() + " holds " + images.count() + " images but "
                        + part.labels() + " " + labels.length + " labels");
            }
            String prefix = part.split() + "-";
            for (int i = 0; images.hasNext(); i++) {
                byte[] pixels = images.next();
                int label = Byte.toUnsignedInt(labels[i]);
                if (label >= LABELS.size()) {
                    throw new IdxFile.IdxFormatException(part.labels() + ": label " + label + " of image " + i
                            + " is not one of the 10 classes");
                }
                byte[] png = GrayscalePng.encode(pixels, images.columns(), images.rows());
                String name = prefix + String.format(Locale.ROOT, "%05d", i) + ".png";
                if (!sink.accept(Sample.ofBytes(part.split(), LABELS.get(label), name, "image/png", png))) {
                    return false;
                }
            }
        }
        return true;
    }
}
