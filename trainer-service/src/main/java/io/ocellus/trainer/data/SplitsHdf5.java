package io.ocellus.trainer.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The three splits of a data set as one HDF5 file: groups {@code train}, {@code validation} and {@code test}, each
 * with a float32 dataset of one row per sample (named by the caller: pixels for a data-set pack, features for a
 * feature pack) and {@code labels} (int32); an empty split has no group. Root attributes: {@code classes} and any the
 * caller adds.
 */
public final class SplitsHdf5 {

    private static final String[] SPLITS = {"train", "validation", "test"};

    private SplitsHdf5() {
    }

    public static byte[] write(LoadedDataset data, String values, Map<String, String> attributes) {
        Path file = null;
        try {
            file = Files.createTempFile("ocellus-splits-", ".h5");
            try (WritableHdfFile hdf = HdfFile.write(file)) {
                hdf.putAttribute("classes", data.classes().toArray(new String[0]));
                attributes.forEach(hdf::putAttribute);
                ImageSet[] sets = {data.train(), data.validation(), data.test()};
                for (int i = 0; i < SPLITS.length; i++) {
                    if (sets[i].isEmpty()) {
                        continue;
                    }
                    WritableGroup group = hdf.putGroup(SPLITS[i]);
                    group.putDataset(values, rows(sets[i]));
                    group.putDataset("labels", sets[i].labels());
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing an HDF5 file of " + values + " failed", e);
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

    /** The train, validation and test sets of {@code bytes}, {@code sampleSize} values per sample. */
    public static ImageSet[] read(byte[] bytes, String values, int sampleSize) {
        try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
            ImageSet[] sets = new ImageSet[SPLITS.length];
            Map<String, Node> children = hdf.getChildren();
            for (int i = 0; i < SPLITS.length; i++) {
                if (!children.containsKey(SPLITS[i])) {
                    sets[i] = ImageSet.empty(sampleSize);
                    continue;
                }
                float[][] rows = (float[][]) hdf.getDatasetByPath("/" + SPLITS[i] + "/" + values).getData();
                int[] labels = (int[]) hdf.getDatasetByPath("/" + SPLITS[i] + "/labels").getData();
                sets[i] = new ImageSet(labels.length, sampleSize, flatten(rows, sampleSize), labels);
            }
            return sets;
        }
    }

    /** The root attribute {@code name} of {@code bytes}, when it has one and it is a string. */
    public static Optional<String> attribute(byte[] bytes, String name) {
        try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
            Attribute attribute = hdf.getAttribute(name);
            return attribute != null && attribute.getData() instanceof String value ? Optional.of(value)
                    : Optional.empty();
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
                throw new IllegalStateException("row " + i + " has " + rows[i].length + " values, expected "
                        + sampleSize);
            }
            System.arraycopy(rows[i], 0, flat, i * sampleSize, sampleSize);
        }
        return flat;
    }
}
