package io.ocellus.trainer.job;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.trainer.export.ExportParity;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.trainer.registry.PublishedNets;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A published model loads back as the network it was: its weights and the request that trained it are stored with
 * it, and the loaded net computes what its published ONNX file computes. What cannot be loaded says why.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class PublishedNetsTest {

    private static final String DATASET = "published-nets-digits";

    @Inject
    TrainingJobs jobs;

    @Inject
    PublishedNets nets;

    @Inject
    ObjectStore store;

    @Test
    void aPublishedModelLoadsBackAsTheNetItsOnnxFileComputes() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, DATASET, Split.TRAIN, digits, 0, 20);
        StoredDatasets.storeDigits(store, DATASET, Split.TEST, digits, 20, 25);
        String model = "reloaded-" + UUID.randomUUID();
        TrainingRequested request = TrainingRequested.of("published-" + UUID.randomUUID(), DATASET,
                Architecture.LENET, new InputShape(1, 28, 28),
                new HyperParameters(2, 16, Optimizer.ADAM, 0.001, null, null, 9L), null, null, null, null, null,
                Instant.now()).withModelName(model);
        jobs.submit(request);
        JobView done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(request.jobId()).map(JobState::view).orElse(null),
                        view -> view != null && view.status().isTerminal());
        assertThat(done.status()).as(done.reason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(done.model()).isNotNull();

        try (NDManager manager = NDManager.newBaseManager()) {
            PublishedNets.Loaded loaded = nets.load(model, null, manager);
            assertThat(loaded.published().version()).isEqualTo(done.model().version());
            assertThat(loaded.trainedBy().jobId()).isEqualTo(request.jobId());
            byte[] onnx = store.get(Buckets.MODELS, loaded.published().onnxKey());
            float[] inputs = new float[8 * 28 * 28];
            Random random = new Random(5);
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = random.nextFloat();
            }
            assertThat(ExportParity.check(loaded.net(), onnx, inputs, 8).passed()).as("loaded net vs its ONNX")
                    .isTrue();

            Net untrained = Architectures.of(Architecture.LENET).build(NetOptions.defaults(), 1, 28, 28, 10);
            untrained.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertThat(ExportParity.check(untrained, onnx, inputs, 8).passed())
                    .as("the check tells a net without the trained weights apart").isFalse();

            assertThatThrownBy(() -> nets.load(model, 99, manager)).isInstanceOf(InvalidJobException.class)
                    .hasMessageContaining("has no version 99");
        }
    }

    @Test
    void aModelThatIsNotPublishedSaysSo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> nets.load("never-published-" + UUID.randomUUID(), null, manager))
                    .isInstanceOf(InvalidJobException.class).hasMessageContaining("is not in the registry");
        }
    }
}
