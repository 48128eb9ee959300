package io.ocellus.trainer.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.TestMetrics;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.export.BuildInfo;
import io.ocellus.trainer.export.ExportParity;
import io.ocellus.trainer.export.OnnxExporter;
import io.ocellus.trainer.export.ParityReport;
import io.ocellus.trainer.job.Evaluation;
import io.ocellus.trainer.job.JobArtifacts;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.training.TrainingOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a finished job into a published model: exports the trained net to ONNX, runs the parity gate on held-out
 * images, stores {@code model.onnx}, {@code labels.json}, {@code metrics.json}, the curve, the trained weights
 * ({@code model.params}) and the request that trained them under {@code <name>/<version>/}, so that a later job can
 * train on from the model ({@link PublishedNets}), and registers the version. A mismatch throws {@link ExportMismatchException} before
 * anything is stored.
 */
@ApplicationScoped
public class ModelPublisher {

    private static final Logger LOG = Logger.getLogger(ModelPublisher.class);

    private final ObjectStore store;
    private final ModelRegistry registry;
    private final int paritySamples;
    private final boolean enabled;
    private final ObjectMapper json = EventSerde.newObjectMapper();

    public ModelPublisher(ObjectStore store, ModelRegistry registry,
                          @ConfigProperty(name = "ocellus.registry.parity-samples", defaultValue = "256")
                          int paritySamples,
                          @ConfigProperty(name = "ocellus.registry.publish", defaultValue = "true") boolean enabled) {
        this.store = store;
        this.registry = registry;
        this.paritySamples = paritySamples;
        this.enabled = enabled;
    }

    /** Whether finished jobs publish their model (they do unless {@code ocellus.registry.publish=false}). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Publishes {@code net}, the trained net of the job ({@code outcome} says how training went): exported, checked
     * on {@code data}'s held-out images, stored with its weights and registered.
     */
    public ModelRegistry.Registered publish(TrainingRequested request, JobSpec spec, LoadedDataset data, Net net,
                                            TrainingOutcome outcome, Evaluation evaluation) {
        String name = spec.modelName();
        int version = registry.nextVersion(name);
        byte[] onnx = new OnnxExporter().export(net, name, metadata(request, spec, data, outcome, version))
                .toByteArray();
        ImageSet heldOut = data.test().count() > 0 ? data.test() : data.validation();
        int samples = Math.min(paritySamples, heldOut.count());
        ParityReport parity = ExportParity.check(net, onnx, heldOut.slice(0, samples), samples);
        LOG.infof("job %s: ONNX export of %s version %d, %d bytes; parity %s", spec.jobId(), name, version,
                onnx.length, parity.summary());
        if (!parity.passed()) {
            throw new ExportMismatchException(parity);
        }
        String sha256 = ContentKeys.sha256(onnx);
        store.put(Buckets.MODELS, ModelKeys.onnx(name, version), onnx, "application/octet-stream",
                Map.of("sha256", sha256));
        store.put(Buckets.MODELS, ModelKeys.labels(name, version), toJson(data.classes()), "application/json");
        store.put(Buckets.MODELS, ModelKeys.metrics(name, version), toJson(Map.of("evaluation", evaluation,
                "parity", parity, "history", outcome.history())), "application/json");
        store.put(Buckets.MODELS, ModelKeys.parameters(name, version), net.saveParameters(),
                "application/octet-stream");
        store.put(Buckets.MODELS, ModelKeys.trainingRequest(name, version),
                EventSerde.instance().serialize(request), "application/json");
        String curve = JobArtifacts.curve(spec.jobId());
        if (store.exists(Buckets.MODELS, curve)) {
            store.put(Buckets.MODELS, ModelKeys.curve(name, version), store.get(Buckets.MODELS, curve),
                    "image/png");
        }
        ModelPublished published = ModelPublished.of(name, version, ModelKeys.onnx(name, version), sha256,
                spec.inputShape(), data.classes(), spec.preprocessing(),
                new TestMetrics(evaluation.rank1(), evaluation.rank5()), spec.jobId(), Instant.now());
        return registry.register(published);
    }

    /** What the ONNX file says about itself: labels, preprocessing and where it came from. */
    private Map<String, String> metadata(TrainingRequested request, JobSpec spec, LoadedDataset data,
                                         TrainingOutcome outcome, int version) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ocellus.model.name", spec.modelName());
        metadata.put("ocellus.model.version", String.valueOf(version));
        metadata.put("ocellus.labels", new String(toJson(data.classes()), java.nio.charset.StandardCharsets.UTF_8));
        metadata.put("ocellus.preprocessing",
                new String(toJson(spec.preprocessing()), java.nio.charset.StandardCharsets.UTF_8));
        metadata.put("ocellus.architecture", spec.architecture().name());
        metadata.put("ocellus.job", spec.jobId());
        metadata.put("ocellus.dataset", spec.dataset());
        metadata.put("ocellus.epoch", String.valueOf(outcome.finalEpoch()));
        metadata.put("ocellus.config.sha256", configHash(request));
        metadata.put("ocellus.code.version", BuildInfo.version());
        if (spec.ensemble() != null) {
            metadata.put("ocellus.ensemble", spec.ensemble().describe());
        }
        if (request.transfer() != null) {
            metadata.put("ocellus.transfer", request.transfer().effectiveMethod().value() + " from "
                    + request.transfer().baseModel() + (request.transfer().baseVersion() == null ? ""
                    : " version " + request.transfer().baseVersion()));
        }
        return metadata;
    }

    /** The hash of the training request without its job id and time: equal configs hash equal. */
    private String configHash(TrainingRequested request) {
        ObjectNode config = json.valueToTree(request);
        config.remove("jobId");
        config.remove("requestedAt");
        config.remove("resume");
        return ContentKeys.sha256(toJson(config));
    }

    private byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
