package io.ocellus.trainer.transfer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.trainer.job.InvalidJobException;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.registry.PublishedNets;
import io.ocellus.trainer.training.Freezing;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a fine-tuning job starts: the job's network, built for its own labels, with every parameter the published
 * base has in the same place and shape taken from the base up to the layer before its classifier, or up to the
 * layer the request names (the body), and the rest, with the classifier, freshly initialised. Says which
 * parameters form the body, for {@link Freezing}.
 */
@ApplicationScoped
public class TransferStart {

    private static final Logger LOG = Logger.getLogger(TransferStart.class);

    private final PublishedNets published;

    public TransferStart(PublishedNets published) {
        this.published = published;
    }

    /** The start weights (DJL's parameter format), the base they came from, and the freezing plan. */
    public record Start(byte[] parameters, String base, Freezing freezing, List<String> newParameters) {
    }

    /**
     * Builds the start of {@code spec} for {@code classes} labels.
     *
     * @throws InvalidJobException when the base is missing, or is another network or input shape than the job's
     */
    public Start prepare(JobSpec spec, int classes) {
        FineTuning plan = spec.fineTuning();
        try (NDManager manager = NDManager.newBaseManager()) {
            PublishedNets.Loaded base = base(spec, plan.baseModel(), plan.baseVersion(), manager);
            ModelPublished from = base.published();
            return startFrom(base.net(), "model '" + from.name() + "' version " + from.version(), spec, classes,
                    manager);
        }
    }

    /**
     * Checks that the published model a transfer job names is there, before the job reads its data set.
     *
     * @throws InvalidJobException when it is not
     */
    public void checkBase(String baseModel, Integer baseVersion) {
        try {
            published.find(baseModel, baseVersion);
        } catch (InvalidJobException e) {
            throw new InvalidJobException("transfer.baseModel: " + e.getMessage());
        }
    }

    /**
     * The published model a transfer job names, with its weights on {@code manager}, checked against the job: the
     * job must ask for the base's architecture and input shape.
     *
     * @throws InvalidJobException when the base is missing, or is another network or input shape than the job's
     */
    public PublishedNets.Loaded base(JobSpec spec, String baseModel, Integer baseVersion, NDManager manager) {
        PublishedNets.Loaded base;
        try {
            base = published.load(baseModel, baseVersion, manager);
        } catch (InvalidJobException e) {
            throw new InvalidJobException("transfer.baseModel: " + e.getMessage());
        }
        InputShape shape = spec.inputShape();
        ModelPublished from = base.published();
        String baseArchitecture = base.trainedBy().architecture().value();
        if (!baseArchitecture.equals(spec.architecture().name()) || !from.inputShape().equals(shape)) {
            throw new InvalidJobException("transfer: model '" + from.name() + "' version " + from.version()
                    + " is a " + baseArchitecture + " on " + describe(from.inputShape())
                    + " inputs, and this job asks for a " + spec.architecture().name() + " on "
                    + describe(shape) + ": ask for the base's architecture and input shape");
        }
        return base;
    }

    /**
     * The start of {@code spec} for {@code classes} labels from {@code base}, a net holding its trained weights
     * ({@code baseName} says which, in messages).
     */
    public static Start startFrom(Net base, String baseName, JobSpec spec, int classes, NDManager manager) {
        FineTuning plan = spec.fineTuning();
        InputShape shape = spec.inputShape();
        Engine.getInstance().setRandomSeed((int) spec.seed());
        Net net = spec.architecture().build(spec.netOptions(), shape.channels(), shape.height(), shape.width(),
                classes);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(),
                shape.width()));
        Map<String, NDArray> baseArrays = new HashMap<>();
        for (Pair<String, Parameter> parameter : base.block().getParameters()) {
            baseArrays.put(parameter.getKey(), parameter.getValue().getArray());
        }
        Predicate<String> kept = keptLayers(plan.layer(), base, baseName);
        Set<String> body = new HashSet<>();
        int copied = 0;
        List<String> fresh = new ArrayList<>();
        for (Pair<String, Parameter> parameter : net.block().getParameters()) {
            NDArray mine = parameter.getValue().getArray();
            NDArray theirs = baseArrays.get(parameter.getKey());
            if (theirs != null && theirs.getShape().equals(mine.getShape()) && kept.test(parameter.getKey())) {
                theirs.copyTo(mine);
                copied++;
                // running statistics (batch normalisation) are never trained: they are not the body's to freeze
                if (parameter.getValue().requiresGradient()) {
                    body.add(parameter.getKey());
                }
            } else {
                fresh.add(parameter.getKey());
            }
        }
        if (body.isEmpty()) {
            throw new InvalidJobException("transfer: nothing of " + baseName
                    + " fits this job's network (its network options differ)");
        }
        LOG.infof("job %s starts from %s: %d parameter arrays taken from it, new: %s", spec.jobId(), baseName,
                copied, fresh);
        Freezing freezing = new Freezing(body, plan.warmUpEpochs(), plan.freezeBase(),
                plan.fineTuneLearningRate() / spec.learningRate());
        return new Start(save(net), baseName, freezing, List.copyOf(fresh));
    }

    /**
     * Which parameters (by name) may come from the base: those of its top-level layers up to {@code layer}, or, when
     * {@code layer} is null, up to the one before its classifier, which always starts afresh, even for as many
     * labels as the base had. DJL names a parameter after the layers that hold it ({@code 03Conv2d_weight}).
     */
    private static Predicate<String> keptLayers(String layer, Net base, String baseName) {
        int last;
        try {
            last = base.transferCut(layer, baseName);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
        List<String> prefixes = base.layerNames().subList(0, last + 1).stream().map(name -> name + "_").toList();
        return name -> prefixes.stream().anyMatch(name::startsWith);
    }

    private static String describe(InputShape shape) {
        return shape.channels() + "x" + shape.height() + "x" + shape.width();
    }

    private static byte[] save(Net net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
