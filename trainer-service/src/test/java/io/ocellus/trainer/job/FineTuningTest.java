package io.ocellus.trainer.job;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.events.TransferSpec;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.trainer.registry.PublishedNets;
import io.ocellus.trainer.training.EpochMetrics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fine-tuning from a published model: a LeNet trained on ten digits is the base of a job on three of them. The
 * base's layers are taken over and stay bit-identical while the new head warms up, then change once they train
 * too; a job that names the last layer to keep takes nothing after it; a job naming a model or a layer that is not
 * there fails with the reason.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class FineTuningTest {

    private static final String BASE_DATA = "fine-tuning-base-digits";
    private static final String TARGET_DATA = "fine-tuning-three-digits";
    private static final String FIRST_CONV = "01Conv2d_weight";

    @Inject
    TrainingJobs jobs;

    @Inject
    PublishedNets published;

    @Inject
    ObjectStore store;

    @Test
    void theBaseStaysFrozenWhileTheNewHeadWarmsUpThenTrainsToo() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, BASE_DATA, Split.TRAIN, digits, 0, 20);
        StoredDatasets.storeDigits(store, BASE_DATA, Split.TEST, digits, 20, 25);
        StoredDatasets.storeDigits(store, TARGET_DATA, Split.TRAIN, digits.subList(0, 3), 30, 60);
        StoredDatasets.storeDigits(store, TARGET_DATA, Split.TEST, digits.subList(0, 3), 60, 70);
        String base = "fine-tuning-base-" + UUID.randomUUID();
        JobView baseJob = run(request(BASE_DATA, base, 2, null));
        assertThat(baseJob.status()).as(baseJob.reason()).isEqualTo(TrainingStatus.COMPLETED);

        TrainingRequested fineTune = request(TARGET_DATA, "fine-tuned-" + UUID.randomUUID(), 4,
                new TransferSpec(base, null, false, 2, 1e-4));
        JobView tuned = run(fineTune);
        assertThat(tuned.status()).as(tuned.reason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(tuned.model()).as("the fine-tuned net is published like any other").isNotNull();
        assertThat(tuned.history()).extracting(EpochMetrics::phase)
                .containsExactly("warm-up", "warm-up", "fine-tune", "fine-tune");
        assertThat(tuned.history().get(2).learningRate()).as("the body trains at the fine-tuning rate")
                .isCloseTo(1e-4, within(1e-12));

        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, float[]> baseWeights = parameters(published.load(base, null, manager).net());
            Map<String, float[]> afterWarmUp = checkpoint(fineTune.jobId(), 2, manager);
            Map<String, float[]> afterFirst = checkpoint(fineTune.jobId(), 1, manager);
            Map<String, float[]> atTheEnd = checkpoint(fineTune.jobId(), 4, manager);

            assertThat(afterWarmUp.get(FIRST_CONV)).as("a frozen layer after the warm-up")
                    .isEqualTo(baseWeights.get(FIRST_CONV));
            assertThat(atTheEnd.get(FIRST_CONV)).as("the same layer once the body trains")
                    .isNotEqualTo(baseWeights.get(FIRST_CONV));
            String head = afterWarmUp.keySet().stream().reduce((first, second) -> second).orElseThrow();
            assertThat(afterWarmUp.get(head)).as("the new head learns during the warm-up")
                    .isNotEqualTo(afterFirst.get(head));
            assertThat(afterWarmUp.get(head)).hasSize(3).as("one output per new label");

            // keeping only the base's first layer: everything after it starts afresh
            String firstLayer = published.load(base, null, manager).net().block().getChildren().keys().get(0);
            TrainingRequested shallow = request(TARGET_DATA, "first-layer-only-" + UUID.randomUUID(), 2,
                    new TransferSpec(base, null, false, 1, 1e-4, firstLayer));
            assertThat(run(shallow).status()).isEqualTo(TrainingStatus.COMPLETED);
            Map<String, float[]> shallowStart = checkpoint(shallow.jobId(), 1, manager);
            String secondConv = baseWeights.keySet().stream()
                    .filter(name -> name.contains("Conv2d_weight") && !name.equals(FIRST_CONV)).findFirst()
                    .orElseThrow();
            assertThat(shallowStart.get(FIRST_CONV)).isEqualTo(baseWeights.get(FIRST_CONV));
            assertThat(shallowStart.get(secondConv)).as("a layer after the one named is not the base's")
                    .isNotEqualTo(baseWeights.get(secondConv));

            // as many labels as the base: its classifier still starts afresh, so the warm-up has a head to train
            TrainingRequested sameLabels = request(BASE_DATA, "same-labels-" + UUID.randomUUID(), 2,
                    new TransferSpec(base, null, false, 1, 1e-4));
            JobView sameLabelsJob = run(sameLabels);
            assertThat(sameLabelsJob.status()).as(sameLabelsJob.reason()).isEqualTo(TrainingStatus.COMPLETED);
            Map<String, float[]> sameStart = checkpoint(sameLabels.jobId(), 1, 10, manager);
            String classifier = baseWeights.keySet().stream().reduce((first, second) -> second).orElseThrow();
            assertThat(sameStart.get(FIRST_CONV)).isEqualTo(baseWeights.get(FIRST_CONV));
            assertThat(sameStart.get(classifier)).as("the classifier is new").isNotEqualTo(
                    baseWeights.get(classifier));
            JobView keepsClassifier = run(request(TARGET_DATA, "keeps-classifier-" + UUID.randomUUID(), 2,
                    new TransferSpec(base, null, false, 1, null, classifier.substring(0, classifier.indexOf('_')))));
            assertThat(keepsClassifier.reason()).contains("would keep the classifier");

            JobView noSuchLayer = run(request(TARGET_DATA, "no-such-layer-" + UUID.randomUUID(), 2,
                    new TransferSpec(base, null, false, 1, null, "99Nothing")));
            assertThat(noSuchLayer.status()).isEqualTo(TrainingStatus.FAILED);
            assertThat(noSuchLayer.reason()).contains("transfer.layer '99Nothing' is not a layer of model")
                    .contains(firstLayer);
        }
    }

    @Test
    void aTransferFromAModelThatIsNotPublishedFailsWithTheReason() {
        JobView failed = run(request(TARGET_DATA, "orphan-" + UUID.randomUUID(), 2,
                new TransferSpec("never-published-" + UUID.randomUUID(), null, false, 1, null)));
        assertThat(failed.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(failed.reason()).contains("is not in the registry");
    }

    private JobView run(TrainingRequested request) {
        return JobRuns.runToEnd(jobs, request, Duration.ofMinutes(3));
    }

    /** The parameters of a three-label LeNet at the job's checkpoint of {@code epoch}, by name, in order. */
    private Map<String, float[]> checkpoint(String jobId, int epoch, NDManager manager)
            throws IOException, MalformedModelException {
        return checkpoint(jobId, epoch, 3, manager);
    }

    /** The parameters of a LeNet for {@code labels} at the job's checkpoint of {@code epoch}, by name, in order. */
    private Map<String, float[]> checkpoint(String jobId, int epoch, int labels, NDManager manager)
            throws IOException, MalformedModelException {
        Net net = Architectures.of(Architecture.LENET).build(NetOptions.defaults(), 1, 28, 28, labels);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        byte[] saved = store.get(Buckets.MODELS, JobArtifacts.checkpoint(jobId, epoch));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            net.block().loadParameters(manager, in);
        }
        return parameters(net);
    }

    private static Map<String, float[]> parameters(Net net) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : net.block().getParameters()) {
            values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static TrainingRequested request(String dataset, String model, int epochs, TransferSpec transfer) {
        return new TrainingRequested(TrainingRequested.SCHEMA_VERSION, "fine-tuning-" + UUID.randomUUID(), dataset,
                model, Architecture.LENET, null, new InputShape(1, 28, 28), null, null,
                new HyperParameters(epochs, 16, Optimizer.ADAM, 0.001, null, null, 13L), null, null, null, transfer,
                null, Instant.now());
    }
}
