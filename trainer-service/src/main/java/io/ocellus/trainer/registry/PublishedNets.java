package io.ocellus.trainer.registry;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TransferMethod;
import io.ocellus.schema.events.TransferSpec;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.trainer.ensemble.EnsemblePlan;
import io.ocellus.trainer.ensemble.EnsembleTraining;
import io.ocellus.trainer.job.InvalidJobException;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;

/**
 * Loads a published model back as a trainable network: the registry names the version, {@code model.params} holds
 * its weights and {@code training-request.json} the architecture, network options and input shape they belong to.
 * This is what a job that trains on from a published model starts from; any version published since models carry
 * their weights can be loaded, a feature-extraction model (the base's layers it kept and its classifier) and an
 * ensemble too. What cannot be loaded fails with the reason, in words a user can act on.
 */
@ApplicationScoped
public class PublishedNets {

    private final ModelCatalog catalog;
    private final ObjectStore store;

    public PublishedNets(ModelCatalog catalog, ObjectStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** A published version's network with its trained weights, on {@code manager}, and what was announced of it. */
    public record Loaded(Net net, ModelPublished published, TrainingRequested trainedBy) {
    }

    /** The names a user could have meant: up to ten of them. */
    private String published() {
        List<String> names = catalog.names();
        if (names.isEmpty()) {
            return "no model is published yet";
        }
        return "published: " + String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }

    /**
     * What the registry announced of version {@code version} of {@code name}, or of its latest when {@code version}
     * is null.
     *
     * @throws InvalidJobException when the model or the version is not there
     */
    public ModelPublished find(String name, Integer version) {
        ModelEntry entry = catalog.find(name).orElseThrow(() -> new InvalidJobException("model '" + name
                + "' is not in the registry (" + published() + ")"));
        return (version == null
                ? entry.versions().stream().max(Comparator.comparingInt(ModelPublished::version))
                : entry.version(version)).orElseThrow(() -> new InvalidJobException("model '" + name + "' has no "
                + (version == null ? "version yet" : "version " + version) + " (versions: "
                + entry.versions().stream().map(ModelPublished::version).toList() + ")"));
    }

    /**
     * Loads version {@code version} of {@code name}, or its latest when {@code version} is null.
     *
     * @throws InvalidJobException when the model, the version or its weights are not there
     */
    public Loaded load(String name, Integer version, NDManager manager) {
        ModelPublished published = find(name, version);
        String weights = ModelKeys.parameters(name, published.version());
        String requestKey = ModelKeys.trainingRequest(name, published.version());
        if (!store.exists(Buckets.MODELS, weights) || !store.exists(Buckets.MODELS, requestKey)) {
            throw new InvalidJobException("model '" + name + "' version " + published.version() + " was published "
                    + "without its trained weights (" + weights + "), as models were before they kept them: train "
                    + "it again to train on from it");
        }
        TrainingRequested trainedBy = EventSerde.instance().deserialize(store.get(Buckets.MODELS, requestKey),
                TrainingRequested.class);
        InputShape shape = published.inputShape();
        NetOptions options = trainedBy.network() == null ? NetOptions.defaults()
                : NetOptions.defaults().with(trainedBy.network());
        Net net;
        if (trainedBy.ensemble() != null) {
            long seed = trainedBy.hyperParameters().seed() == null ? JobSpec.DEFAULT_SEED
                    : trainedBy.hyperParameters().seed();
            net = EnsembleTraining.build(EnsemblePlan.from(trainedBy.ensemble(), trainedBy.architecture(), seed),
                    options, shape, published.labels().size(), manager);
        } else {
            net = Architectures.of(trainedBy.architecture()).build(options, shape.channels(), shape.height(),
                    shape.width(), published.labels().size());
        }
        TransferSpec transfer = trainedBy.transfer();
        if (transfer != null && transfer.effectiveMethod() == TransferMethod.FEATURE_EXTRACTION) {
            // the base's layers up to the one its features came from, and the classifier trained on them
            net = net.withNewHead(net.transferCut(transfer.layer(), "model '" + name + "'"),
                    published.labels().size());
        }
        if (!net.block().isInitialized()) {
            net.block().initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(),
                    shape.width()));
        }
        try {
            net.loadParameters(store.get(Buckets.MODELS, weights), manager);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("the weights of model '" + name + "' version " + published.version()
                    + " do not fit its network: " + e.getMessage());
        }
        return new Loaded(net, published, trainedBy);
    }
}
