package io.ocellus.trainer.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the trainer keeps the preprocessed images it trains on: spool files outside the heap
 * ({@code ocellus.trainer.spool-dir}, the system's temporary directory by default), mapped into memory, so that a
 * data set is bounded by the disk rather than by the heap. A data set the disk cannot hold is refused with the
 * numbers before a single image is decoded.
 */
@ApplicationScoped
public class DatasetSpool {

    private final Path directory;

    @Inject
    public DatasetSpool(@ConfigProperty(name = "ocellus.trainer.spool-dir", defaultValue = "${java.io.tmpdir}")
                        String directory) {
        this(Path.of(directory));
    }

    public DatasetSpool(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** An image set of {@code labels.length} images whose rows are written afterwards, by index. */
    public ImageSet allocate(int sampleSize, int[] labels) {
        return new ImageSet(labels.length, sampleSize, SpooledRows.create(directory, labels.length, sampleSize),
                labels);
    }

    /**
     * Throws {@link DatasetUnusableException} naming the sizes when {@code plan}'s images, {@code sampleValues}
     * float32 values each, do not fit the free space of the spool directory.
     */
    public void checkRoom(DatasetPlan plan, int sampleValues) {
        SplitPlan splits = plan.splits();
        long images = (long) splits.train().size() + splits.validation().size() + splits.test().size();
        long bytes = images * sampleValues * Float.BYTES;
        long free = usableSpace();
        if (bytes > free) {
            throw new DatasetUnusableException(String.format(Locale.ROOT, "data set '%s': %d images of %d float32 "
                    + "values need %d MiB of spool space, more than the %d MiB free under %s; use a smaller input "
                    + "shape or fewer images, or point ocellus.trainer.spool-dir at a larger disk", plan.name(),
                    images, sampleValues, bytes >> 20, free >> 20, directory));
        }
    }

    private long usableSpace() {
        try {
            Files.createDirectories(directory);
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("the spool directory " + directory + " cannot be used: " + e.getMessage(),
                    e);
        }
    }
}
