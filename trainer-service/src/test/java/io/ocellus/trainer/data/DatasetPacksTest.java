package io.ocellus.trainer.data;

import io.minio.MinioClient;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.S3Server;
import io.ocellus.vision.Preprocessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Packs written to and read from a real S3 server, in parts small enough that every split takes several. */
class DatasetPacksTest {

    private static final List<Member> MEMBERS = List.of(
            new Member("train", "cat", "a1"), new Member("train", "cat", "a2"), new Member("train", "dog", "b1"),
            new Member("val", "cat", "a3"), new Member("val", "dog", "b2"));
    private static final Preprocessor TWO_BY_TWO = new Preprocessor(1, Preprocessor.unitScale(2, 2));

    private static S3Server s3;
    private static ObjectStore store;

    @TempDir
    Path spool;

    @BeforeAll
    static void startStore() {
        s3 = S3Server.start();
        store = new ObjectStore(MinioClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).build());
        store.ensureBucket(Buckets.MODELS);
    }

    @AfterAll
    static void stopStore() {
        s3.close();
    }

    @Test
    void aPackGivesBackExactlyWhatWentInPartByPart() {
        DatasetPlan plan = plan(MEMBERS);
        LoadedDataset data = new LoadedDataset("pets", plan.classes(),
                new ImageSet(3, 4, new float[]{0, 0.25f, 0.5f, 1, 1, 2, 3, 4, -1, -2, 1e-7f, 7},
                        plan.labels(plan.splits().train())),
                new ImageSet(2, 4, new float[]{9, 8, 7, 6, 5, 4, 3, 2}, plan.labels(plan.splits().validation())),
                ImageSet.empty(4), plan.splits());
        // two images a part
        DatasetPacks packs = new DatasetPacks(store, new DatasetSpool(spool), 2 * 4 * Float.BYTES);

        String key = packs.write(data, plan, TWO_BY_TWO);
        LoadedDataset back = packs.read(plan, TWO_BY_TWO).orElseThrow();

        assertThat(store.listKeys(Buckets.MODELS, key)).extracting(k -> k.substring(key.length()))
                .containsExactlyInAnyOrder("train-00000.h5", "train-00001.h5", "validation-00000.h5", "parts.txt");
        assertThat(back.classes()).containsExactly("cat", "dog");
        assertThat(back.train().slice(0, 3)).containsExactly(data.train().slice(0, 3));
        assertThat(back.train().labels()).containsExactly(data.train().labels());
        assertThat(back.validation().slice(0, 2)).containsExactly(data.validation().slice(0, 2));
        assertThat(back.test().isEmpty()).isTrue();
    }

    @Test
    void aPackWhoseWritingWasCutShortIsNotRead() {
        DatasetPlan plan = twoImages("c1", "d1");
        DatasetPacks packs = new DatasetPacks(store, new DatasetSpool(spool));
        String key = packs.write(blank(plan), plan, TWO_BY_TWO);
        assertThat(packs.read(plan, TWO_BY_TWO)).isPresent();

        store.delete(Buckets.MODELS, key + DatasetPacks.INDEX);

        assertThat(packs.read(plan, TWO_BY_TWO)).isEmpty();
    }

    @Test
    void aPackWithABrokenPartIsNotReadSoTheImagesAreDecodedAgain() {
        DatasetPlan plan = twoImages("e1", "f1");
        DatasetPacks packs = new DatasetPacks(store, new DatasetSpool(spool));
        String key = packs.write(blank(plan), plan, TWO_BY_TWO);
        assertThat(packs.read(plan, TWO_BY_TWO)).isPresent();

        store.put(Buckets.MODELS, key + "train-00000.h5", new byte[]{1, 2, 3}, "application/x-hdf5");

        assertThat(packs.read(plan, TWO_BY_TWO)).isEmpty();
    }

    @Test
    void theKeyFollowsTheMembersAndThePreprocessing() {
        String key = DatasetPacks.key(plan(MEMBERS), TWO_BY_TWO);

        assertThat(key).startsWith("packs/pets/").endsWith("/");
        assertThat(DatasetPacks.key(plan(MEMBERS), TWO_BY_TWO)).isEqualTo(key);
        List<Member> oneMore = new java.util.ArrayList<>(MEMBERS);
        oneMore.add(new Member("train", "dog", "b3"));
        assertThat(DatasetPacks.key(plan(oneMore), TWO_BY_TWO)).isNotEqualTo(key);
        assertThat(DatasetPacks.key(plan(MEMBERS), new Preprocessor(1, new Preprocessing(2, 2, false, 1, null))))
                .isNotEqualTo(key);
        assertThat(DatasetPacks.key(plan(MEMBERS), new Preprocessor(3, Preprocessor.unitScale(2, 2))))
                .isNotEqualTo(key);
    }

    /** A cat and a dog, train images only, with these image ids. */
    private static DatasetPlan twoImages(String cat, String dog) {
        return plan(List.of(new Member("train", "cat", cat), new Member("train", "dog", dog)));
    }

    /** {@code plan}'s train images, all zero. */
    private static LoadedDataset blank(DatasetPlan plan) {
        int[] labels = plan.labels(plan.splits().train());
        return new LoadedDataset("pets", plan.classes(), new ImageSet(labels.length, 4, new float[labels.length * 4],
                labels), ImageSet.empty(4), ImageSet.empty(4), plan.splits());
    }

    private static DatasetPlan plan(List<Member> members) {
        return new DatasetPlan("pets", List.of("cat", "dog"), new SplitPlan(
                members.stream().filter(m -> m.split().equals("train")).toList(),
                members.stream().filter(m -> m.split().equals("val")).toList(), List.of(), false, false));
    }
}
