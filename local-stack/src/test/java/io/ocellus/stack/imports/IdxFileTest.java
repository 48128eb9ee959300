package io.ocellus.stack.imports;

import io.ocellus.samples.IdxFile;
import io.ocellus.samples.GrayscalePng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    /** An IDX image file: magic, count, rows, columns, then count x rows x columns bytes (image i: value i + k). */
    static byte[] images(int magic, int announced, int actual, int rows, int columns) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(announced);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int i = 0; i < actual; i++) {
            for (int k = 0; k < rows * columns; k++) {
                out.writeByte(i * 10 + k);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int magic, int announced, int... labels) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(announced);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws Exception {
        OutputStream raw = Files.newOutputStream(file);
        try (OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsGzippedAndPlainImagesAndLabels() throws Exception {
        for (boolean gzip : new boolean[] {true, false}) {
            Path images = write(dir.resolve("images-" + gzip), images(2051, 3, 3, 2, 3), gzip);
            Path labels = write(dir.resolve("labels-" + gzip), labels(2049, 3, 7, 0, 9), gzip);

            assertThat(IdxFile.readLabels(labels)).containsExactly(7, 0, 9);
            try (IdxFile.Images read = IdxFile.openImages(images)) {
                assertThat(read.count()).isEqualTo(3);
                assertThat(read.rows()).isEqualTo(2);
                assertThat(read.columns()).isEqualTo(3);
                List<byte[]> all = new ArrayList<>();
                while (read.hasNext()) {
                    all.add(read.next());
                }
                assertThat(all).hasSize(3);
                assertThat(all.get(2)).containsExactly(20, 21, 22, 23, 24, 25);
            }
        }
    }

    @Test
    void refusesABadMagicNumber() throws Exception {
        Path labelsAsImages = write(dir.resolve("wrong"), labels(2049, 2, 1, 2), true);
        assertThatThrownBy(() -> IdxFile.openImages(labelsAsImages)).isInstanceOf(IdxFile.IdxFormatException.class)
                .hasMessageContaining("magic number 2049, expected 2051");
        Path imagesAsLabels = write(dir.resolve("wrong2"), images(2051, 1, 1, 1, 1), false);
        assertThatThrownBy(() -> IdxFile.readLabels(imagesAsLabels)).isInstanceOf(IdxFile.IdxFormatException.class)
                .hasMessageContaining("magic number 2051, expected 2049");
    }

    @Test
    void refusesTruncatedFiles() throws Exception {
        Path images = write(dir.resolve("short-images.gz"), images(2051, 5, 3, 2, 2), true);
        try (IdxFile.Images read = IdxFile.openImages(images)) {
            read.next();
            read.next();
            read.next();
            assertThatThrownBy(read::next).isInstanceOf(IdxFile.IdxFormatException.class)
                    .hasMessageContaining("truncated").hasMessageContaining("announces 5 images of 2x2")
                    .hasMessageContaining("ends in image 4");
        }
        Path labels = write(dir.resolve("short-labels"), labels(2049, 4, 1, 2), false);
        assertThatThrownBy(() -> IdxFile.readLabels(labels)).hasMessageContaining("announces 4 labels, the file has 2");
        Path header = write(dir.resolve("header"), Arrays.copyOf(images(2051, 1, 1, 2, 2), 10), false);
        assertThatThrownBy(() -> IdxFile.openImages(header)).hasMessageContaining("inside its 16-byte header");
    }

    @Test
    void fashionMnistChecksCountsAndEmitsLabelledPngsPerSplit() throws Exception {
        write(dir.resolve("train-images-idx3-ubyte.gz"), images(2051, 3, 3, 2, 3), true);
        write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(2049, 3, 0, 9, 5), true);
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), images(2051, 1, 1, 2, 3), true);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(2049, 1, 8), true);

        FashionMnist all = FashionMnist.locate(List.of("train", "test"), dir, System.err);
        assertThat(all.expectedCount()).isEqualTo(4);
        List<Sample> samples = new ArrayList<>();
        all.emit(samples::add);

        assertThat(samples).extracting(Sample::split).containsExactly("train", "train", "train", "test");
        assertThat(samples).extracting(Sample::label).containsExactly("t-shirt-top", "ankle-boot", "sandal", "bag");
        assertThat(samples).extracting(Sample::filename)
                .containsExactly("train-00000.png", "train-00001.png", "train-00002.png", "test-00000.png");
        assertThat(GrayscalePng.decode(samples.get(1).bytes())).containsExactly(10, 11, 12, 13, 14, 15);

        List<Sample> limited = new ArrayList<>();
        all.emit(sample -> limited.add(sample) && limited.size() < 2);
        assertThat(limited).hasSize(2);

        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(2049, 2, 8, 1), true);
        FashionMnist mismatched = FashionMnist.locate(List.of("test"), dir, System.err);
        assertThatThrownBy(() -> mismatched.emit(s -> true)).hasMessageContaining("holds 1 images but")
                .hasMessageContaining("2 labels");
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(2049, 1, 10), true);
        assertThatThrownBy(() -> FashionMnist.locate(List.of("test"), dir, System.err).emit(s -> true))
                .hasMessageContaining("label 10 of image 0 is not one of the 10 classes");
        assertThatThrownBy(() -> FashionMnist.locate(List.of("train"), dir.resolve("nothing"), System.err))
                .hasMessageContaining("is not a directory");
    }
}
