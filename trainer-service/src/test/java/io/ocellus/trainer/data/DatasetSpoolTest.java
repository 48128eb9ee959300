package io.ocellus.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetSpoolTest {

    @TempDir
    Path directory;

    @Test
    void aDataSetTheDiskHoldsIsTakenAndOneItDoesNotIsRefusedWithItsSizes() {
        DatasetSpool spool = new DatasetSpool(directory);
        // 60,000 MNIST-sized images: 784 float32 values each, 179 MiB
        assertThatCode(() -> spool.checkRoom(plan(60_000), 784)).doesNotThrowAnyException();

        // the same images at 3x10000x10000: 65 TiB
        assertThatThrownBy(() -> spool.checkRoom(plan(60_000), 3 * 10_000 * 10_000))
                .isInstanceOf(DatasetUnusableException.class)
                .hasMessageContaining("60000 images of 300000000 float32 values need 68664550 MiB of spool space")
                .hasMessageContaining("free under " + directory)
                .hasMessageContaining("ocellus.trainer.spool-dir");
    }

    @Test
    void allocatedImagesStartEmptyAndKeepTheirLabels() {
        ImageSet images = new DatasetSpool(directory.resolve("nested")).allocate(4, new int[]{1, 0, 1});

        assertThat(images.count()).isEqualTo(3);
        assertThat(images.labels()).containsExactly(1, 0, 1);
        assertThat(images.slice(0, 3)).containsOnly(0f).hasSize(12);
    }

    private static DatasetPlan plan(int trainImages) {
        List<Member> train = new ArrayList<>(trainImages);
        for (int i = 0; i < trainImages; i++) {
            train.add(new Member("train", i % 2 == 0 ? "cat" : "dog", "id" + i));
        }
        return new DatasetPlan("d", List.of("cat", "dog"), new SplitPlan(train, List.of(), List.of(), false, false));
    }
}
