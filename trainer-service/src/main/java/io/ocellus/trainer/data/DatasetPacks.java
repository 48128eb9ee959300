package io.ocellus.trainer.data;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.store.Buckets;
import io.ocellus.vision.Preprocessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Preprocessed data sets cached in the models bucket as HDF5 files, so that a data set is decoded once and later
 * jobs read a few objects instead of every image. A pack is read and written in parts of a bounded size, one
 * part in memory at a time, straight into and out of the trainer's spool ({@link DatasetSpool}): a data set larger
 * than the heap packs and trains.
 * <p>
 * Layout, under {@code packs/<dataset>/<version>/}: one HDF5 file per part, {@code <split>-<nnnnn>.h5}, holding
 * {@code pixels} (float32, one row of C*H*W values per image), {@code labels} (int32) and the root attributes
 * {@code split}, {@code first} (the split's row the part starts at) and {@code classes}; then {@code parts.txt},
 * the part keys one per line, written last, so that a pack whose writing was cut short is never read. The version
 * is a digest of everything that shapes the pack: the member list (split, label, image id), how the splits were
 * planned, and the preprocessing; a data set that gains or loses an image gets a new pack.
 */
@ApplicationScoped
public class DatasetPacks {

    private static final Logger LOG = Logger.getLogger(DatasetPacks.class);
    /** The pixel bytes of one part: what a read or a write holds on the heap at once. */
    static final long PART_BYTES = 4L << 20;
    static final String INDEX = "parts.txt";
    private static final String[] SPLITS = {"train", "validation", "test"};

    private final ObjectStore store;
    private final DatasetSpool spool;
    private final long partBytes;

    @Inject
    public DatasetPacks(ObjectStore store, DatasetSpool spool) {
        this(store, spool, PART_BYTES);
    }

    DatasetPacks(ObjectStore store, DatasetSpool spool, long partBytes) {
        this.store = store;
        this.spool = spool;
        this.partBytes = partBytes;
    }

    /** The folder of {@code plan}'s pack for {@code preprocessor}, ending in {@code /}. */
    public static String key(DatasetPlan plan, Preprocessor preprocessor) {
        MessageDigest digest = sha256();
        Preprocessing p = preprocessor.spec();
        update(digest, "ocellus-pack-v2 " + preprocessor.channels() + " " + p.width() + "x" + p.height() + " "
                + p.keepAspect() + " " + p.scale() + " " + p.mean() + " classes " + plan.classes());
        for (List<Member> split : splits(plan)) {
            update(digest, "split " + split.size());
            for (Member member : split) {
                update(digest, member.split() + "/" + member.label() + "/" + member.imageId());
            }
        }
        return "packs/" + plan.name() + "/" + HexFormat.of().formatHex(digest.digest()).substring(0, 32) + "/";
    }

    /** The data set from its pack, part by part into the spool, when a complete pack matches. */
    public Optional<LoadedDataset> read(DatasetPlan plan, Preprocessor preprocessor) {
        String key = key(plan, preprocessor);
        if (!store.exists(Buckets.MODELS, key + INDEX)) {
            return Optional.empty();
        }
        int size = preprocessor.size();
        List<List<Member>> members = splits(plan);
        ImageSet[] sets = new ImageSet[SPLITS.length];
        for (int s = 0; s < SPLITS.length; s++) {
            sets[s] = spool.allocate(size, plan.labels(members.get(s)));
        }
        int[] filled = new int[SPLITS.length];
        String index = new String(store.get(Buckets.MODELS, key + INDEX), StandardCharsets.UTF_8);
        try {
            for (String part : index.lines().filter(line -> !line.isBlank()).toList()) {
                readPart(key + part, sets, filled);
            }
            for (int s = 0; s < SPLITS.length; s++) {
                if (filled[s] != sets[s].count()) {
                    throw new DatasetUnusableException(String.format(Locale.ROOT, "the pack holds %d %s images, "
                            + "the data set %d", filled[s], SPLITS[s], sets[s].count()));
                }
            }
        } catch (DatasetUnusableException | HdfException e) {
            // a pack is only a cache: the images are decoded again and the pack written anew
            LOG.warnf("the pack %s of data set %s cannot be used (%s); decoding the images instead", key,
                    plan.name(), e.getMessage());
            return Optional.empty();
        }
        LOG.infof("data set %s read from its pack %s", plan.name(), key);
        return Optional.of(new LoadedDataset(plan.name(), plan.classes(), sets[0], sets[1], sets[2], plan.splits()));
    }

    /** Stores {@code data} as the pack of {@code plan}, part by part; returns the pack's folder. */
    public String write(LoadedDataset data, DatasetPlan plan, Preprocessor preprocessor) {
        String key = key(plan, preprocessor);
        ImageSet[] sets = {data.train(), data.validation(), data.test()};
        StringBuilder index = new StringBuilder();
        int parts = 0;
        for (int s = 0; s < SPLITS.length; s++) {
            ImageSet set = sets[s];
            int rowsPerPart = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    partBytes / ((long) set.sampleSize() * Float.BYTES)));
            for (int first = 0; first < set.count(); first += rowsPerPart) {
                int n = Math.min(rowsPerPart, set.count() - first);
                String part = String.format(Locale.ROOT, "%s-%05d.h5", SPLITS[s], first / rowsPerPart);
                store.put(Buckets.MODELS, key + part, part(data.classes(), SPLITS[s], set, first, n),
                        "application/x-hdf5");
                index.append(part).append('\n');
                parts++;
            }
        }
        store.put(Buckets.MODELS, key + INDEX, index.toString().getBytes(StandardCharsets.UTF_8), "text/plain");
        LOG.infof("data set %s packed into %s, %d parts", plan.name(), key, parts);
        return key;
    }

    private void readPart(String key, ImageSet[] sets, int[] filled) {
        // one part at a time, through a temporary file: only the part's rows are ever on the heap
        SplitsHdf5.withTempFile(file -> {
            try (InputStream in = store.open(Buckets.MODELS, key)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return SplitsHdf5.read(file, hdf -> copyPart(key, hdf, sets, filled));
        });
    }

    /** Copies the rows of the part {@code hdf} into its split's set, counting them in {@code filled}. */
    private static int copyPart(String key, HdfFile hdf, ImageSet[] sets, int[] filled) {
        int s = Arrays.asList(SPLITS).indexOf(String.valueOf(hdf.getAttribute("split").getData()));
        int first = ((Number) hdf.getAttribute("first").getData()).intValue();
        float[][] rows = (float[][]) hdf.getDatasetByPath("/pixels").getData();
        int[] labels = (int[]) hdf.getDatasetByPath("/labels").getData();
        if (s < 0 || first < 0 || first + rows.length > sets[s].count()
                || labels.length != rows.length) {
            throw new DatasetUnusableException("the pack part " + key + " does not fit its data set");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != sets[s].sampleSize() || labels[i] != sets[s].labels()[first + i]) {
                throw new DatasetUnusableException("row " + i + " of the pack part " + key
                        + " does not match the data set's image " + (first + i));
            }
            sets[s].rows().write(first + i, rows[i], 0, 1);
        }
        filled[s] += rows.length;
        return rows.length;
    }

    /** Images {@code first .. first+n-1} of {@code set} as one HDF5 file. */
    static byte[] part(List<String> classes, String split, ImageSet set, int first, int n) {
        float[][] rows = new float[n][set.sampleSize()];
        for (int i = 0; i < n; i++) {
            set.copyImage(first + i, rows[i], 0);
        }
        return SplitsHdf5.bytes(hdf -> {
            hdf.putAttribute("classes", classes.toArray(new String[0]));
            hdf.putAttribute("split", split);
            hdf.putAttribute("first", first);
            hdf.putDataset("pixels", rows);
            hdf.putDataset("labels", Arrays.copyOfRange(set.labels(), first, first + n));
        });
    }

    private static List<List<Member>> splits(DatasetPlan plan) {
        return List.of(plan.splits().train(), plan.splits().validation(), plan.splits().test());
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
