package io.ocellus.trainer.data;

import ai.djl.Device;
import io.minio.MinioClient;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.TrainingListener;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.trainer.training.TrainingRun;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run in a JVM of its own with a small heap by {@link LargerThanHeapTest}: generates a data set whose pixels are
 * larger than that heap into the spool, packs it into the store, reads the pack back and trains on it, printing
 * {@code drill <name> <value>} lines for the test to check.
 * <p>
 * Arguments: S3 endpoint, access key, secret key, spool directory, train images.
 */
public final class LargerThanHeapDrill {

    static final int SIDE = 48;
    private static final List<String> CLASSES = List.of("left", "middle", "right");
    private static final int TEST_IMAGES = 300;

    private LargerThanHeapDrill() {
    }

    public static void main(String[] args) {
        ObjectStore store = new ObjectStore(MinioClient.builder().endpoint(args[0]).credentials(args[1], args[2])
                .build());
        store.ensureBucket(Buckets.MODELS);
        DatasetSpool spool = new DatasetSpool(Path.of(args[3]));
        int trainImages = Integer.parseInt(args[4]);
        TrainingRequested request = TrainingRequested.of("larger-than-heap", "blocks", Architecture.SHALLOWNET,
                new InputShape(1, SIDE, SIDE), new HyperParameters(1, 64, Optimizer.ADAM, 0.001, null, null, 3L),
                null, null, null, null, null, Instant.now());
        JobSpec spec = JobSpec.from(request);
        DatasetPlan plan = new DatasetPlan("blocks", CLASSES, new SplitPlan(members("train", trainImages),
                List.of(), members("test", TEST_IMAGES), false, false));
        spool.checkRoom(plan, spec.preprocessor().size());

        Random random = new Random(5);
        LoadedDataset generated = new LoadedDataset(plan.name(), CLASSES,
                blocks(spool, plan.labels(plan.splits().train()), random), ImageSet.empty(SIDE * SIDE),
                blocks(spool, plan.labels(plan.splits().test()), random), plan.splits());
        DatasetPacks packs = new DatasetPacks(store, spool);
        String key = packs.write(generated, plan, spec.preprocessor());
        LoadedDataset data = packs.read(plan, spec.preprocessor()).orElseThrow();

        long pixelBytes = (long) (data.train().count() + data.test().count()) * data.train().sampleSize()
                * Float.BYTES;
        System.out.println("drill pixels-mib " + (pixelBytes >> 20));
        System.out.println("drill heap-mib " + (Runtime.getRuntime().maxMemory() >> 20));
        System.out.println("drill parts " + (store.listKeys(Buckets.MODELS, key).size() - 1));

        TestEngine.pytorch();
        TrainingOutcome outcome = new TrainingRun(spec, data, Device.cpu(), () -> false, new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double rate) {
                // the epoch line says enough
            }

            @Override
            public void onEpoch(EpochMetrics metrics, byte[] checkpoint) {
                System.out.println("drill epoch " + metrics.epoch() + " loss " + metrics.trainLoss());
            }
        }).run(null);
        System.out.println("drill status " + outcome.status());
        System.out.println("drill test-rank1 " + outcome.test().rank1());
        System.exit(0);
    }

    private static List<Member> members(String split, int count) {
        List<Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new Member(split, CLASSES.get(i % CLASSES.size()), split + "-" + i));
        }
        return members;
    }

    /** Noise with a bright 16x16 block on the left, in the middle or on the right, written row by row. */
    private static ImageSet blocks(DatasetSpool spool, int[] labels, Random random) {
        ImageSet images = spool.allocate(SIDE * SIDE, labels);
        float[] image = new float[SIDE * SIDE];
        for (int i = 0; i < labels.length; i++) {
            int x0 = 2 + labels[i] * 15;
            int y0 = 8 + random.nextInt(24);
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) (random.nextDouble() * 0.4);
            }
            for (int y = y0; y < y0 + 16; y++) {
                for (int x = x0; x < x0 + 14; x++) {
                    image[y * SIDE + x] += 0.6f;
                }
            }
            images.rows().write(i, image, 0, 1);
        }
        return images;
    }
}
