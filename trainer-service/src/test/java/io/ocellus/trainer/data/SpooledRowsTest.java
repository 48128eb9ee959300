package io.ocellus.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SpooledRowsTest {

    @TempDir
    Path spool;

    @Test
    void rowsWrittenFromManyThreadsReadBackAcrossRegionsAndLeaveNoFileBehind() throws Exception {
        int rowSize = 5;
        // regions of 3 rows: runs of rows cross region borders
        SpooledRows rows = SpooledRows.create(spool, 10, rowSize, 3L * rowSize * Float.BYTES);
        IntStream.range(0, 10).parallel().forEach(r -> rows.write(r, row(r, rowSize), 0, 1));

        float[] all = new float[10 * rowSize];
        rows.read(0, 10, all, 0);
        for (int r = 0; r < 10; r++) {
            for (int v = 0; v < rowSize; v++) {
                assertThat(all[r * rowSize + v]).isEqualTo(r * 100f + v);
            }
        }
        float[] middle = new float[4 * rowSize + 2];
        rows.read(2, 4, middle, 2);
        assertThat(middle[2]).isEqualTo(200f);
        assertThat(middle[2 + 4 * rowSize - 1]).isEqualTo(504f);

        float[] two = new float[2 * rowSize];
        System.arraycopy(row(42, rowSize), 0, two, 0, rowSize);
        System.arraycopy(row(43, rowSize), 0, two, rowSize, rowSize);
        rows.write(2, two, 0, 2);
        float[] back = new float[rowSize];
        rows.read(3, 1, back, 0);
        assertThat(back).containsExactly(row(43, rowSize));

        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).as("the spool file is unlinked once mapped").isEmpty();
        }
    }

    @Test
    void anEmptySetNeedsNoRegion() {
        SpooledRows rows = SpooledRows.create(spool, 0, 7);
        rows.read(0, 0, new float[0], 0);
        assertThat(rows.rowSize()).isEqualTo(7);
    }

    private static float[] row(int r, int size) {
        float[] values = new float[size];
        for (int v = 0; v < size; v++) {
            values[v] = r * 100f + v;
        }
        return values;
    }
}
