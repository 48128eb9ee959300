package io.ocellus.trainer.data;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.store.Buckets;
import io.ocellus.vision.Preprocessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
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
 * Layout ({@link SplitsHdf5}): groups {@code train}, {@code validation}, {@code test}, each with {@code pixels}
 * (float32, one row of C*H*W values per image) and {@code labels} (int32); an empty split has no group. Root attribute
 * {@code classes}.
 */
@ApplicationScoped
public class DatasetPacks {

    private static final Logger LOG = Logger.getLogger(DatasetPacks.class);

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
        return SplitsHdf5.write(data, "pixels", Map.of());
    }

    static LoadedDataset fromBytes(byte[] bytes, DatasetPlan plan, int sampleSize) {
        ImageSet[] sets = SplitsHdf5.read(bytes, "pixels", sampleSize);
        return new LoadedDataset(plan.name(), plan.classes(), sets[0], sets[1], sets[2], plan.splits());
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
