package io.ocellus.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SplitsHdf5Test {

    @Test
    void theSplitsAndAttributesComeBackAsWritten_andAnEmptySplitStaysEmpty() {
        ImageSet train = new ImageSet(3, 2, new float[]{1, 2, 3, 4, 5, 6.5f}, new int[]{0, 1, 1});
        ImageSet test = new ImageSet(1, 2, new float[]{-7, 8}, new int[]{1});
        LoadedDataset data = new LoadedDataset("d", List.of("a", "b"), train, ImageSet.empty(2), test,
                new SplitPlan(List.of(), List.of(), List.of(), false, false));

        byte[] file = SplitsHdf5.write(data, "features", Map.of("base", "model 'x' version 2"));

        ImageSet[] read = SplitsHdf5.read(file, "features", 2);
        assertThat(read[0].slice(0, 3)).containsExactly(train.slice(0, 3));
        assertThat(read[0].labels()).containsExactly(0, 1, 1);
        assertThat(read[1].isEmpty()).isTrue();
        assertThat(read[2].slice(0, 1)).containsExactly(-7, 8);
        assertThat(SplitsHdf5.attribute(file, "base")).contains("model 'x' version 2");
        assertThat(SplitsHdf5.attribute(file, "layer")).isEmpty();
    }
}
