package io.ocellus.trainer.data;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.DatasetKeys;
import io.ocellus.vision.ImageDecoding;
import io.ocellus.vision.Preprocessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Reads a data set from the object store: its members from the {@code datasets/<name>/<split>/<label>/} keys,
 * then every image's bytes, decoded and preprocessed by the shared {@link Preprocessor} into the trainer's spool.
 * Fetches run on a few threads because each one waits on the store.
 */
@ApplicationScoped
public class DatasetReader {

    private static final Logger LOG = Logger.getLogger(DatasetReader.class);
    private static final int FETCH_THREADS = 4;

    private final ObjectStore store;
    private final DatasetSpool spool;

    public DatasetReader(ObjectStore store, DatasetSpool spool) {
        this.store = store;
        this.spool = spool;
    }

    /** Every member of the data set, split by split and label by label, in the store's key order. */
    public List<Member> members(String dataset) {
        List<Member> members = new ArrayList<>();
        if (!store.bucketExists(Buckets.IMAGES)) {
            // nothing has been ingested anywhere yet
            return members;
        }
        for (String split : store.listChildren(Buckets.IMAGES, DatasetKeys.prefix(dataset))) {
            for (String label : store.listChildren(Buckets.IMAGES, DatasetKeys.splitPrefix(dataset, split))) {
                for (String imageId : store.listChildren(Buckets.IMAGES,
                        DatasetKeys.labelPrefix(dataset, split, label))) {
                    members.add(new Member(split, label, imageId));
                }
            }
        }
        return members;
    }

    /**
     * Decides what the job trains on: the data set's classes and which members train, validate and test.
     *
     * @throws DatasetUnusableException when the data set is empty, has a single class or no train images
     */
    public DatasetPlan plan(String dataset, double validationFraction, double testFraction, long seed) {
        List<Member> members = members(dataset);
        if (members.isEmpty()) {
            throw new DatasetUnusableException("data set '" + dataset + "' has no images in the store");
        }
        List<String> classes = new ArrayList<>(members.stream().map(Member::label)
                .collect(Collectors.toCollection(TreeSet::new)));
        if (classes.size() < 2) {
            throw new DatasetUnusableException("data set '" + dataset + "' has a single class (" + classes.get(0)
                    + "); a classifier needs at least 2");
        }
        SplitPlan plan = SplitPlan.of(members, validationFraction, testFraction, seed);
        if (plan.train().isEmpty()) {
            throw new DatasetUnusableException("data set '" + dataset + "' has no train images");
        }
        return new DatasetPlan(dataset, classes, plan);
    }

    /** Fetches, decodes and preprocesses every planned image. {@code progress} hears the count loaded so far. */
    public LoadedDataset load(DatasetPlan dataset, Preprocessor preprocessor, IntConsumer progress) {
        SplitPlan plan = dataset.splits();
        List<String> classes = dataset.classes();
        AtomicInteger loaded = new AtomicInteger();
        ExecutorService fetchers = Executors.newFixedThreadPool(FETCH_THREADS, r -> {
            Thread thread = new Thread(r, "dataset-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ImageSet train = read(plan.train(), dataset, preprocessor, fetchers, loaded, progress);
            ImageSet validation = read(plan.validation(), dataset, preprocessor, fetchers, loaded, progress);
            ImageSet test = read(plan.test(), dataset, preprocessor, fetchers, loaded, progress);
            LOG.infof("data set %s loaded: %d classes, %d train, %d val%s, %d test%s", dataset.name(),
                    classes.size(), train.count(), validation.count(),
                    plan.carvedValidation() ? " (held out of train)" : "", test.count(),
                    plan.carvedTest() ? " (held out of train)" : "");
            return new LoadedDataset(dataset.name(), classes, train, validation, test, plan);
        } finally {
            fetchers.shutdownNow();
        }
    }

    private ImageSet read(List<Member> members, DatasetPlan dataset, Preprocessor preprocessor,
                          ExecutorService fetchers, AtomicInteger loaded, IntConsumer progress) {
        int size = preprocessor.size();
        ImageSet images = spool.allocate(size, dataset.labels(members));
        ThreadLocal<float[]> decoded = ThreadLocal.withInitial(() -> new float[size]);
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            Member member = members.get(i);
            pending.add(fetchers.submit(() -> {
                byte[] bytes = store.get(Buckets.IMAGES, ContentKeys.forImage(member.imageId()));
                try {
                    float[] row = decoded.get();
                    preprocessor.apply(bytes, row, 0);
                    images.rows().write(index, row, 0, 1);
                } catch (ImageDecoding.ImageDecodeException e) {
                    throw new DatasetUnusableException("image " + member.imageId() + " (" + member.split() + "/"
                            + member.label() + ") cannot be decoded: " + e.getMessage(), e);
                }
                progress.accept(loaded.incrementAndGet());
            }));
        }
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetUnusableException("interrupted while loading the data set", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DatasetUnusableException unusable) {
                    throw unusable;
                }
                throw new DatasetUnusableException("reading the data set failed: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        return images;
    }
}
