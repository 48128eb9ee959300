package io.ocellus.trainer.job;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.charts.TrainingCurve;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.store.Buckets;
import io.ocellus.trainer.data.DatasetPacks;
import io.ocellus.trainer.data.DatasetPlan;
import io.ocellus.trainer.data.DatasetReader;
import io.ocellus.trainer.data.DatasetSpool;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.ensemble.EnsembleTraining;
import io.ocellus.trainer.registry.ExportMismatchException;
import io.ocellus.trainer.registry.ModelPublisher;
import io.ocellus.trainer.registry.ModelRegistry;
import io.ocellus.trainer.registry.PublishingFailedException;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.Freezing;
import io.ocellus.trainer.training.TrainingListener;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.trainer.training.TrainingRun;
import io.ocellus.trainer.transfer.FeatureExtractor;
import io.ocellus.trainer.transfer.TransferStart;
import io.ocellus.vision.Preprocessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The steps of a job, in the order it takes them: its data set (from a pack, else decoded and packed), its training
 * (from scratch, from the checkpoint it resumes from, from a published model it fine-tunes or extracts features
 * with, or each member of an ensemble), its progress written epoch by epoch, its evaluation, and the publishing of
 * the trained net.
 */
@ApplicationScoped
public class JobSteps {

    private static final Logger LOG = Logger.getLogger(JobSteps.class);

    private final DatasetReader datasets;
    private final DatasetPacks packs;
    private final DatasetSpool spool;
    private final ObjectStore store;
    private final JobEvents events;
    private final ModelPublisher publisher;
    private final TransferStart transfers;
    private final FeatureExtractor extractor;
    private final ObjectMapper json;

    public JobSteps(DatasetReader datasets, DatasetPacks packs, DatasetSpool spool, ObjectStore store,
                    JobEvents events, ModelPublisher publisher, TransferStart transfers, FeatureExtractor extractor,
                    ObjectMapper json) {
        this.datasets = datasets;
        this.packs = packs;
        this.spool = spool;
        this.store = store;
        this.events = events;
        this.publisher = publisher;
        this.transfers = transfers;
        this.extractor = extractor;
        this.json = json;
    }

    /** Whether finished jobs are exported and published ({@code ocellus.registry.publish}). */
    boolean publishing() {
        return publisher.enabled();
    }

    /**
     * What a job trained: how training went, the net to publish, built from the weights it ended with, and for an
     * ensemble each member's own test score (null otherwise).
     */
    record Trained(TrainingOutcome outcome, Function<NDManager, Net> net, List<Evaluation.MemberScore> members) {

        Trained(TrainingOutcome outcome, Function<NDManager, Net> net) {
            this(outcome, net, null);
        }
    }

    /**
     * Trains the job: its net from scratch, from a checkpoint or from a published base (fine-tuning), or, for
     * feature extraction, a softmax classifier on the features of a published base, or each member of an ensemble.
     */
    Trained train(JobState state, JobSpec spec, LoadedDataset data, List<Device> devices, BooleanSupplier stop) {
        byte[] start = spec.resume() == null ? null : checkpoint(spec);
        int classes = data.classes().size();
        TrainingListener listener = listener(state, spec);
        if (spec.ensemble() != null) {
            EnsembleTraining.Result result = EnsembleTraining.train(spec, data, devices, stop, listener);
            byte[] parameters = result.outcome().parameters();
            return new Trained(result.outcome(), manager -> {
                Net ensemble = EnsembleTraining.build(spec.ensemble(), spec.netOptions(), spec.inputShape(),
                        classes, manager);
                ensemble.loadParameters(parameters, manager);
                return ensemble;
            }, result.members());
        }
        if (spec.featureExtraction() != null) {
            FeatureExtractor.Extracted extracted = extractor.extract(spec, data);
            state.dataSource(state.view().dataSource() + "; features of " + extracted.base() + " at "
                    + extracted.layer() + ", " + extracted.width() + " per image");
            TrainingOutcome outcome = TrainingRun.onFeatures(spec, extracted.features(), devices, stop, listener)
                    .run(start);
            return new Trained(outcome, manager -> FeatureExtractor.withClassifier(spec, extracted, classes,
                    outcome.parameters(), manager));
        }
        Freezing freezing = null;
        if (spec.fineTuning() != null) {
            // a resumed fine-tuning job starts from its own checkpoint, but freezes the same body
            TransferStart.Start transfer = transfers.prepare(spec, classes);
            start = start == null ? transfer.parameters() : start;
            freezing = transfer.freezing();
        }
        TrainingOutcome outcome = new TrainingRun(spec, data, devices, stop, listener, freezing).run(start);
        return new Trained(outcome, manager -> trainedNet(spec, classes, outcome.parameters(), manager));
    }

    /** The job's architecture with the weights a training run ended with. */
    private static Net trainedNet(JobSpec spec, int classes, byte[] parameters, NDManager manager) {
        InputShape shape = spec.inputShape();
        Net net = spec.architecture().build(spec.netOptions(), shape.channels(), shape.height(), shape.width(),
                classes);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(),
                shape.width()));
        try {
            net.loadParameters(parameters, manager);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the trained " + e.getMessage(), e);
        }
        return net;
    }

    /** Fails a transfer job whose base is not published before it reads its data set. */
    void checkBase(JobSpec spec) {
        if (spec.fineTuning() != null) {
            transfers.checkBase(spec.fineTuning().baseModel(), spec.fineTuning().baseVersion());
        }
        if (spec.featureExtraction() != null) {
            transfers.checkBase(spec.featureExtraction().baseModel(), spec.featureExtraction().baseVersion());
        }
    }

    /** Writes the job's evaluation next to its other files. */
    void evaluation(String jobId, Evaluation evaluation) {
        store.put(Buckets.MODELS, JobArtifacts.evaluation(jobId), toJson(evaluation), "application/json");
    }

    /** Exports, checks and registers the trained net; a failure here fails the job with what went wrong. */
    JobState.PublishedModel publish(JobState state, JobSpec spec, LoadedDataset data, Trained trained,
                                    Evaluation evaluation) {
        ModelRegistry.Registered registered;
        try (NDManager manager = NDManager.newBaseManager()) {
            registered = publisher.publish(state.request(), spec, data, trained.net().apply(manager),
                    trained.outcome(), evaluation);
        } catch (ExportMismatchException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: publishing the model failed", spec.jobId());
            throw new PublishingFailedException("publishing the model failed: " + e.getMessage(), e);
        }
        var published = registered.published();
        return new JobState.PublishedModel(published.name(), published.version(), published.onnxKey(),
                registered.current(), registered.reason());
    }

    /** The job's data set from its HDF5 pack when one matches, else decoded from the store and packed. */
    LoadedDataset dataset(JobState state, JobSpec spec, Preprocessor preprocessor) {
        DatasetPlan plan = datasets.plan(spec.dataset(), spec.validationFraction(), spec.testFraction(), spec.seed());
        spool.checkRoom(plan, preprocessor.size());
        Optional<LoadedDataset> packed = packs.read(plan, preprocessor);
        if (packed.isPresent()) {
            state.dataSource("pack " + DatasetPacks.key(plan, preprocessor));
            return packed.get();
        }
        LoadedDataset data = datasets.load(plan, preprocessor, loaded -> {
            if (loaded % 5000 == 0) {
                LOG.infof("job %s: %d images decoded", spec.jobId(), loaded);
            }
        });
        state.dataSource("images, packed into " + packs.write(data, plan, preprocessor));
        return data;
    }

    /** Records each batch in the job's state, and each epoch's checkpoint, history and curve in the store. */
    TrainingListener listener(JobState state, JobSpec spec) {
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double rate) {
                state.batch(new JobState.BatchProgress(epoch, batch, batches, loss, accuracy, rate));
            }

            @Override
            public void onEpoch(EpochMetrics metrics, byte[] checkpoint) {
                state.epoch(metrics);
                String jobId = spec.jobId();
                store.put(Buckets.MODELS, JobArtifacts.checkpoint(jobId, metrics.epoch()), checkpoint,
                        "application/octet-stream");
                List<EpochMetrics> history = state.view().history();
                store.put(Buckets.MODELS, JobArtifacts.history(jobId), toJson(history), "application/json");
                store.put(Buckets.MODELS, JobArtifacts.curve(jobId),
                        TrainingCurve.png(spec.modelName() + " (" + jobId + ")", EpochMetrics.curve(history)),
                        "image/png");
                events.epoch(jobId, metrics, spec.totalEpochs());
            }
        };
    }

    /** The checkpoint a resumed job starts from. */
    byte[] checkpoint(JobSpec spec) {
        String key = JobArtifacts.checkpoint(spec.resume().jobId(), spec.resume().epoch());
        if (!store.exists(Buckets.MODELS, key)) {
            throw new InvalidJobException("job " + spec.resume().jobId() + " has no checkpoint for epoch "
                    + spec.resume().epoch() + " (" + key + ")");
        }
        return store.get(Buckets.MODELS, key);
    }

    private byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
