package io.ocellus.trainer.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.store.Buckets;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.data.SplitsHdf5;
import io.ocellus.trainer.job.InvalidJobException;
import io.ocellus.trainer.job.JobArtifacts;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.registry.PublishedNets;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature extraction from a published model: its layers up to the one the job names (by default the one before its
 * classifier) run once, in inference mode, over every split of the job's data set; their flattened output is the
 * features a softmax classifier then trains on. The features are stored as an HDF5 file among the job's files, so a
 * job that resumes reads them instead of computing them again. The model a job publishes is the extractor and its
 * trained classifier as one net ({@link #withClassifier}).
 */
@ApplicationScoped
public class FeatureExtractor {

    private static final Logger LOG = Logger.getLogger(FeatureExtractor.class);
    private static final int BATCH = 128;
    /** A progress line every this many batches: about 10,000 images. */
    private static final int PROGRESS_BATCHES = 80;
    private static final String VALUES = "features";

    private final TransferStart transfers;
    private final ObjectStore store;

    public FeatureExtractor(TransferStart transfers, ObjectStore store) {
        this.transfers = transfers;
        this.store = store;
    }

    /**
     * A job's extracted features, the base they came from ({@code model 'x' version n}), the layer (name and index)
     * whose output they are, and the extractor's weights: the net of {@link #withClassifier} with its classifier not yet trained.
     */
    public record Extracted(LoadedDataset features, String base, String layer, int cut, byte[] extractor) {

        public int width() {
            return features.train().sampleSize();
        }
    }

    /**
     * Runs the base named by the job over {@code images} (features read back when the job computed them before).
     *
     * @throws InvalidJobException when the base or the layer is not there, or does not fit the job
     */
    public Extracted extract(JobSpec spec, LoadedDataset images) {
        FeatureExtraction plan = spec.featureExtraction();
        try (NDManager manager = NDManager.newBaseManager()) {
            PublishedNets.Loaded base = transfers.base(spec, plan.baseModel(), plan.baseVersion(), manager);
            ModelPublished from = base.published();
            String baseName = "model '" + from.name() + "' version " + from.version();
            String key = JobArtifacts.features(spec.jobId());
            byte[] stored = store.exists(Buckets.MODELS, key) ? store.get(Buckets.MODELS, key) : null;
            if (stored != null && SplitsHdf5.attribute(stored, "base").filter(baseName::equals).isPresent()) {
                Extractor extractor = extractor(base.net(), baseName, spec, images.classes().size(), manager);
                ImageSet[] sets = SplitsHdf5.read(stored, VALUES, featureWidth(extractor.net()));
                LOG.infof("job %s: features of %s at %s read back from %s", spec.jobId(), baseName,
                        extractor.layer(), key);
                return new Extracted(new LoadedDataset(images.name(), images.classes(), sets[0], sets[1], sets[2],
                        images.plan()), baseName, extractor.layer(), extractor.cut(),
                        extractor.net().saveParameters());
            }
            // none yet, or computed from another version of the base (its latest changed since)
            Extracted extracted = extractFrom(base.net(), baseName, spec, images, manager);
            store.put(Buckets.MODELS, key, SplitsHdf5.write(extracted.features(), VALUES, Map.of("base", baseName,
                    "layer", extracted.layer())), "application/x-hdf5");
            LOG.infof("job %s: features stored as %s", spec.jobId(), key);
            return extracted;
        }
    }

    /**
     * Runs {@code base} (a net holding its trained weights; {@code baseName} says which, in messages) up to the
     * job's layer over every split of {@code images}.
     *
     * @throws InvalidJobException when the base has no such layer, or does not fit the job's network
     */
    public static Extracted extractFrom(Net base, String baseName, JobSpec spec, LoadedDataset images,
                                        NDManager manager) {
        Extractor extractor = extractor(base, baseName, spec, images.classes().size(), manager);
        long started = System.nanoTime();
        LoadedDataset features = new LoadedDataset(images.name(), images.classes(),
                features(extractor.net(), images.train(), manager),
                features(extractor.net(), images.validation(), manager),
                features(extractor.net(), images.test(), manager), images.plan());
        LOG.infof("job %s: %d features per image from %s at %s, for %d images in %.1f s", spec.jobId(),
                featureWidth(extractor.net()), baseName, extractor.layer(),
                images.train().count() + images.validation().count() + images.test().count(),
                (System.nanoTime() - started) / 1e9);
        return new Extracted(features, baseName, extractor.layer(), extractor.cut(),
                extractor.net().saveParameters());
    }

    /** The base's layers up to the job's layer (named and at index {@code cut}), with the base's weights. */
    private record Extractor(Net net, String layer, int cut) {
    }

    private static Extractor extractor(Net base, String baseName, JobSpec spec, int classes, NDManager manager) {
        int cut;
        try {
            cut = base.transferCut(spec.featureExtraction().layer(), baseName);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
        Net net = build(spec, cut, classes, manager);
        copyBody(base, net, baseName);
        return new Extractor(net, base.layerNames().get(cut), cut);
    }

    /**
     * The published net: the extractor of {@code extracted} followed by its classifier, whose weights
     * ({@code classifier}, a softmax regression's parameters) are copied into the net's last layer.
     */
    public static Net withClassifier(JobSpec spec, Extracted extracted, int classes, byte[] classifier,
                                     NDManager manager) {
        Net net = build(spec, extracted.cut(), classes, manager);
        net.loadParameters(extracted.extractor(), manager);
        Net regression = Net.softmaxRegression(extracted.width(), classes);
        regression.block().initialize(manager, DataType.FLOAT32, new Shape(1, extracted.width()));
        regression.loadParameters(classifier, manager);
        List<Block> layers = net.block().getChildren().values();
        Block head = layers.get(layers.size() - 1);
        for (Pair<String, Parameter> parameter : regression.block().getDirectParameters()) {
            parameter.getValue().getArray().copyTo(head.getDirectParameters().get(parameter.getKey()).getArray());
        }
        return net;
    }

    /**
     * The net a feature-extraction job publishes, built for {@code classes} labels and initialised: the job's
     * architecture up to layer {@code cut}, flattened, and a dense classifier.
     */
    public static Net build(JobSpec spec, int cut, int classes, NDManager manager) {
        InputShape shape = spec.inputShape();
        Net full = spec.architecture().build(spec.netOptions(), shape.channels(), shape.height(), shape.width(),
                classes);
        Net net = full.withNewHead(cut, classes);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(),
                shape.width()));
        return net;
    }

    /** Every parameter of the extractor but its classifier comes from the base: same layer names, same shapes. */
    private static void copyBody(Net base, Net extractor, String baseName) {
        Map<String, NDArray> theirs = new HashMap<>();
        for (Pair<String, Parameter> parameter : base.block().getParameters()) {
            theirs.put(parameter.getKey(), parameter.getValue().getArray());
        }
        List<Block> layers = extractor.block().getChildren().values();
        Collection<Parameter> head = layers.get(layers.size() - 1).getDirectParameters().values();
        for (Pair<String, Parameter> parameter : extractor.block().getParameters()) {
            if (head.stream().anyMatch(p -> p == parameter.getValue())) {
                continue;
            }
            NDArray mine = parameter.getValue().getArray();
            NDArray from = theirs.get(parameter.getKey());
            if (from == null || !from.getShape().equals(mine.getShape())) {
                throw new InvalidJobException("transfer: the weights of " + baseName + " do not fit this job's "
                        + "network at " + parameter.getKey() + " (its network options differ)");
            }
            from.copyTo(mine);
        }
    }

    /** How many values the extractor yields per image: the input width of its classifier. */
    private static int featureWidth(Net extractor) {
        List<Block> layers = extractor.block().getChildren().values();
        Block head = layers.get(layers.size() - 1);
        return (int) head.getDirectParameters().get("weight").getArray().getShape().get(1);
    }

    /** The flattened output of every layer but the classifier, image after image. */
    private static ImageSet features(Net extractor, ImageSet images, NDManager manager) {
        int width = featureWidth(extractor);
        if (images.isEmpty()) {
            return ImageSet.empty(width);
        }
        List<Block> layers = extractor.block().getChildren().values();
        List<Block> body = layers.subList(0, layers.size() - 1);
        ParameterStore parameters = new ParameterStore(manager, false);
        Shape sample = extractor.inputShape();
        float[] values = new float[Math.multiplyExact(images.count(), width)];
        for (int from = 0; from < images.count(); from += BATCH) {
            int n = Math.min(BATCH, images.count() - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(FloatBuffer.wrap(images.slice(from, n)),
                        new Shape(n).addAll(sample));
                NDList current = new NDList(x);
                for (Block layer : body) {
                    current = layer.forward(parameters, current, false);
                }
                float[] batch = current.singletonOrThrow().toFloatArray();
                System.arraycopy(batch, 0, values, from * width, n * width);
            }
            if ((from / BATCH + 1) % PROGRESS_BATCHES == 0) {
                LOG.infof("features of %d of %d images computed", from + n, images.count());
            }
        }
        return new ImageSet(images.count(), width, values, images.labels().clone());
    }
}
