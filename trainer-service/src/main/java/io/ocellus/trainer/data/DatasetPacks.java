package io.ocellus.trainer.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.store.Buckets;
import io.ocellus.vision.Preprocessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Preprocessed data sets cached as HDF5 files in the models bucket, {@code packs/<dataset>/<version>.h5}, so that
 * a data set is decoded once and later jobs read one object instead of every image. The version is a digest of
 * everything that shapes the pack: the member list (split, label, image id), how the splits were planned, and the
 * preprocessing; a data set that gains or loses an image gets a new pack.
 * <p>
 * Layout: groups {@code train}, {@code validation}, {@code test}, each with {@code pixels} (float32, one row of
 * C*H*W values per image) and {@code labels} (int32); an empty split has no group. Root attribute {@code classes}.
 */
@ApplicationScoped
public class DatasetPacks {

    private static final Logger LOG = Logger.getLogger(DatasetPacks.class);
    private static final String[] SPLITS = {"train", "validation", "test"};

    private final ObjectStore store;

    public DatasetPacks(ObjectStore store) {
        this.store = store;
    }

    public static String key(DatasetPlan plan, Preprocessor preprocessor) {
        MessageDigest digest = sha256();
        Preprocessing p = preprocessor.spec();
        update(digest, "ocellus-pack-v1 " + preprocessor.channels() + " " + p.width() + "x" + p.height() + " "
                + p.keepAspect() + " " + p.scale() + " " + p.mean() + " classes " + plan.classes());
        for (List<Member> split : List.of(plan.splits().train(), plan.splits().validation(), plan.splits().test())) {
            update(digest, "split " + split.size());
            for (Member member : split) {
                update(digest, member.split() + "/" + member.label() + "/" + member.imageId());
            }
        }
        return "packs/" + plan.name() + "/" + HexFormat.of().formatHex(digest.digest()).substring(0, 32) + ".h5";
    }

    public Optional<LoadedDataset> read(DatasetPlan plan, Preprocessor preprocessor) {
        String key = key(plan, preprocessor);
        if (!store.exists(Buckets.MODELS, key)) {
            return Optional.empty();
        }
        LoadedDataset loaded = fromBytes(store.get(Buckets.MODELS, key), plan, preprocessor.size());
        LOG.infof("data set %s read from its pack %s", plan.name(), key);
        return Optional.of(loaded);
    }

    public String write(LoadedDataset data, DatasetPlan plan, Preprocessor preprocessor) {
        String key = key(plan, preprocessor);
        store.put(Buckets.MODELS, key, toBytes(data), "application/x-hdf5");
        LOG.infof("data set %s packed into %s", plan.name(), key);
        return key;
    }

    static byte[] toBytes(LoadedDataset data) {
        Path file = null;
        try {
            file = Files.createTempFile("ocellus-pack-", ".h5");
            try (WritableHdfFile hdf = HdfFile.write(file)) {
                hdf.putAttribute("classes", data.classes().toArray(new String[0]));
                ImageSet[] sets = {data.train(), data.validation(), data.test()};
                for (int i = 0; i < SPLITS.length; i++) {
                    if (sets[i].isEmpty()) {
                        continue;
                    }
                    WritableGroup group = hdf.putGroup(SPLITS[i]);
                    group.putDataset("pixels", rows(sets[i]));
                    group.putDataset("labels", sets[i].labels());
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a data-set pack failed", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    static LoadedDataset fromBytes(byte[] bytes, DatasetPlan plan, int sampleSize) {
        try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
            ImageSet[] sets = new ImageSet[SPLITS.length];
            Map<String, Node> children = hdf.getChildren();
            for (int i = 0; i < SPLITS.length; i++) {
                if (!children.containsKey(SPLITS[i])) {
                    sets[i] = ImageSet.empty(sampleSize);
                    continue;
                }
                Dataset pixels = hdf.getDatasetByPath("/" + SPLITS[i] + "/pixels");
                int[] labels = (int[]) hdf.getDatasetByPath("/" + SPLITS[i] + "/labels").getData();
                sets[i] = new ImageSet(labels.length, sampleSize, flatten((float[][]) pixels.getData(), sampleSize),
                        labels);
            }
            return new LoadedDataset(plan.name(), plan.classes(), sets[0], sets[1], sets[2], plan.splits());
        }
    }

    private static float[][] rows(ImageSet set) {
        float[][] rows = new float[set.count()][];
        for (int i = 0; i < set.count(); i++) {
            rows[i] = new float[set.sampleSize()];
            System.arraycopy(set.pixels(), i * set.sampleSize(), rows[i], 0, set.sampleSize());
        }
        return rows;
    }

    private static float[] flatten(float[][] rows, int sampleSize) {
        float[] flat = new float[Math.multiplyExact(rows.length, sampleSize)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != sampleSize) {
                throw new IllegalStateException("pack row " + i + " has " + rows[i].length + " values, expected "
                        + sampleSize);
            }
            System.arraycopy(rows[i], 0, flat, i * sampleSize, sampleSize);
        }
        return flat;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String line) {
        digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
