package io.ocellus.trainer.data;

import io.ocellus.schema.events.Preprocessing;
import io.ocellus.vision.Preprocessor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetPacksTest {

    private static final List<Member> MEMBERS = List.of(
            new Member("train", "cat", "a1"), new Member("train", "cat", "a2"), new Member("train", "dog", "b1"),
            new Member("val", "cat", "a3"), new Member("val", "dog", "b2"));

    @Test
    void aPackGivesBackExactlyWhatWentIn() {
        DatasetPlan plan = plan(MEMBERS);
        LoadedDataset data = new LoadedDataset("pets", plan.classes(),
                new ImageSet(3, 4, new float[]{0, 0.25f, 0.5f, 1, 1, 2, 3, 4, -1, -2, 1e-7f, 7}, new int[]{0, 0, 1}),
                new ImageSet(2, 4, new float[]{9, 8, 7, 6, 5, 4, 3, 2}, new int[]{0, 1}),
                ImageSet.empty(4), plan.splits());

        LoadedDataset back = DatasetPacks.fromBytes(DatasetPacks.toBytes(data), plan, 4);

        assertThat(back.classes()).containsExactly("cat", "dog");
        assertThat(back.train().pixels()).containsExactly(data.train().pixels());
        assertThat(back.train().labels()).containsExactly(0, 0, 1);
        assertThat(back.validation().pixels()).containsExactly(data.validation().pixels());
        assertThat(back.test().isEmpty()).isTrue();
    }

    @Test
    void theKeyFollowsTheMembersAndThePreprocessing() {
        Preprocessor gray = new Preprocessor(1, Preprocessor.unitScale(2, 2));
        String key = DatasetPacks.key(plan(MEMBERS), gray);

        assertThat(key).startsWith("packs/pets/").endsWith(".h5");
        assertThat(DatasetPacks.key(plan(MEMBERS), gray)).isEqualTo(key);
        List<Member> oneMore = new java.util.ArrayList<>(MEMBERS);
        oneMore.add(new Member("train", "dog", "b3"));
        assertThat(DatasetPacks.key(plan(oneMore), gray)).isNotEqualTo(key);
        assertThat(DatasetPacks.key(plan(MEMBERS), new Preprocessor(1, new Preprocessing(2, 2, false, 1, null))))
                .isNotEqualTo(key);
        assertThat(DatasetPacks.key(plan(MEMBERS), new Preprocessor(3, Preprocessor.unitScale(2, 2))))
                .isNotEqualTo(key);
    }

    private static DatasetPlan plan(List<Member> members) {
        return new DatasetPlan("pets", List.of("cat", "dog"), SplitPlan.of(members, 0.1, 0.1, 1));
    }
}
