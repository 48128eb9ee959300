package io.ocellus.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetMemoryTest {

    private static final long MIB = 1 << 20;

    @Test
    void aDataSetThatFitsHalfTheHeapIsTakenAndOneThatDoesNotIsRefusedWithItsSizes() {
        // 60,000 MNIST-sized images: 784 float32 values each, 179 MiB
        DatasetPlan mnist = plan(60_000);

        assertThatCode(() -> DatasetMemory.check(mnist, 784, 1024 * MIB)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DatasetMemory.check(mnist, 784, 256 * MIB))
                .isInstanceOf(DatasetUnusableException.class)
                .hasMessageContaining("60000 images of 784 float32 values need 179 MiB")
                .hasMessageContaining("128 MiB (half the trainer's 256 MiB heap)");
    }

    @Test
    void aSplitLargerThanOneArrayIsRefusedWhateverTheHeap() {
        assertThatThrownBy(() -> DatasetMemory.check(plan(20_000), 3 * 227 * 227, Long.MAX_VALUE / 4))
                .isInstanceOf(DatasetUnusableException.class).hasMessageContaining("more than one array holds");
    }

    private static DatasetPlan plan(int trainImages) {
        List<Member> train = new ArrayList<>(trainImages);
        for (int i = 0; i < trainImages; i++) {
            train.add(new Member("train", i % 2 == 0 ? "cat" : "dog", "id" + i));
        }
        return new DatasetPlan("d", List.of("cat", "dog"), new SplitPlan(train, List.of(), List.of(), false, false));
    }
}
