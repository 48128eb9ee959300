package io.ocellus.trainer.job;

import ai.djl.ndarray.NDManager;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.EnsembleSpec;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.trainer.data.DatasetPacks;
import io.ocellus.trainer.data.DatasetReader;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.registry.PublishedNets;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.vision.onnx.OnnxClassifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An ensemble from one request: three LeNets with different seeds train one after another in one job, each is
 * scored on the test split, and the ensemble (the mean of their probabilities) is published as one ONNX model
 * through the parity gate. The ensemble scores at least its members' mean rank-1, and the served model scores
 * what the evaluation says.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class EnsembleTest {

    private static final String DATA = "ensemble-digits";
    private static final int EPOCHS = 3;

    @Inject
    TrainingJobs jobs;

    @Inject
    PublishedNets published;

    @Inject
    DatasetReader datasets;

    @Inject
    DatasetPacks packs;

    @Inject
    ObjectStore store;

    @Test
    void anEnsembleOfThreeScoresAtLeastItsMembersMeanAndIsServedAsOneModel() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, DATA, Split.TRAIN, digits, 200, 225);
        StoredDatasets.storeDigits(store, DATA, Split.TEST, digits, 225, 245);
        String model = "ensemble-" + UUID.randomUUID();
        TrainingRequested request = request(model, new EnsembleSpec(3, null));
        JobView job = JobRuns.runToEnd(jobs, request, Duration.ofMinutes(4));
        assertThat(job.status()).as(job.reason()).isEqualTo(TrainingStatus.COMPLETED);

        assertThat(job.history()).as("each member's epochs, numbered on").extracting(EpochMetrics::epoch)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(job.history()).extracting(EpochMetrics::phase).containsExactly("member 1 of 3", "member 1 of 3",
                "member 1 of 3", "member 2 of 3", "member 2 of 3", "member 2 of 3", "member 3 of 3", "member 3 of 3",
                "member 3 of 3");
        Evaluation evaluation = job.evaluation();
        assertThat(evaluation.members()).hasSize(3).extracting(Evaluation.MemberScore::seed)
                .containsExactly(13L, 14L, 15L);
        double membersMean = evaluation.members().stream().mapToDouble(Evaluation.MemberScore::rank1).average()
                .orElseThrow();
        System.out.printf("ensemble rank-1 %.4f; members %s, mean %.4f%n", evaluation.rank1(),
                evaluation.members().stream().map(Evaluation.MemberScore::rank1).toList(), membersMean);
        assertThat(evaluation.rank1()).as("the ensemble against its members' mean rank-1")
                .isGreaterThanOrEqualTo(membersMean);

        assertThat(job.model()).as("published through the parity gate").isNotNull();
        JobSpec spec = JobSpec.from(request);
        LoadedDataset images = packs.read(datasets.plan(DATA, spec.validationFraction(), spec.testFraction(),
                spec.seed()), spec.preprocessor()).orElseThrow();
        byte[] onnx = store.get(Buckets.MODELS, ModelKeys.onnx(model, 1));
        try (OnnxClassifier served = OnnxClassifier.open(onnx, 1)) {
            assertThat(served.metadata()).containsEntry("ocellus.ensemble",
                    "lenet (seed 13), lenet (seed 14), lenet (seed 15)");
            for (float[] probabilities : served.classify(images.test().slice(0, images.test().count()), images.test().count())) {
                double sum = 0;
                for (float p : probabilities) {
                    sum += p;
                }
                assertThat(sum).as("the mean of probabilities is one").isCloseTo(1.0, within(1e-4));
            }
        }
        assertThat(JobRuns.servedRank1(onnx, images.test())).as("the served ensemble scores what the evaluation says")
                .isCloseTo(evaluation.rank1(), within(1.5 / images.test().count()));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(published.load(model, null, manager).net().classes())
                    .as("an ensemble loads back like any model").isEqualTo(10);
        }
    }

    private static TrainingRequested request(String model, EnsembleSpec ensemble) {
        return new TrainingRequested(TrainingRequested.SCHEMA_VERSION, "ensemble-" + UUID.randomUUID(), DATA, model,
                Architecture.LENET, null, new InputShape(1, 28, 28), null, null,
                new HyperParameters(EPOCHS, 32, Optimizer.ADAM, 0.001, null, null, 13L), null, null, null, null,
                null, Instant.now(), ensemble);
    }
}
