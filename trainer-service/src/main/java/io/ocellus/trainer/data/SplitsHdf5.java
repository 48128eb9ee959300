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
import java.util.function.Consumer;
import java.util.function.Function;

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
        return bytes(hdf -> {
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
        });
    }

    /** The bytes of an HDF5 file that {@code content} fills. */
    static byte[] bytes(Consumer<WritableHdfFile> content) {
        return withTempFile(file -> {
            try (WritableHdfFile hdf = HdfFile.write(file)) {
                content.accept(hdf);
            }
            return Files.readAllBytes(file);
        });
    }

    /** The train, validation and test sets of {@code bytes}, {@code sampleSize} values per sample. */
    public static ImageSet[] read(byte[] bytes, String values, int sampleSize) {
        return read(bytes, hdf -> {
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
        });
    }

    /** The root attribute {@code name} of {@code bytes}, when it has one and it is a string. */
    public static Optional<String> attribute(byte[] bytes, String name) {
        return read(bytes, hdf -> {
            Attribute attribute = hdf.getAttribute(name);
            return attribute != null && attribute.getData() instanceof String value ? Optional.of(value)
                    : Optional.<String>empty();
        });
    }

    /**
     * What {@code reading} takes from the HDF5 file {@code bytes}. The bytes are read from a temporary file rather
     * than from memory: an HDF5 file opened from a byte array keeps that array reachable after it is closed.
     */
    static <T> T read(byte[] bytes, Function<HdfFile, T> reading) {
        return withTempFile(file -> {
            Files.write(file, bytes);
            return read(file, reading);
        });
    }

    /** What {@code reading} takes from the HDF5 file at {@code file}. */
    static <T> T read(Path file, Function<HdfFile, T> reading) {
        try (HdfFile hdf = new HdfFile(file)) {
            return reading.apply(hdf);
        }
    }

    /** What {@code use} makes of a new temporary file, deleted afterwards. */
    static <T> T withTempFile(FileUse<T> use) {
        Path file = null;
        try {
            file = Files.createTempFile("ocellus-", ".h5");
            return use.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException("an HDF5 file could not be written or read: " + e.getMessage(), e);
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

    /** Something done with a file that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface FileUse<T> {
        T apply(Path file) throws IOException;
    }

    private static float[][] rows(ImageSet set) {
        float[][] rows = new float[set.count()][set.sampleSize()];
        for (int i = 0; i < set.count(); i++) {
            set.copyImage(i, rows[i], 0);
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
