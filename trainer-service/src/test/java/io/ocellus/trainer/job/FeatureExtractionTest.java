package io.ocellus.trainer.job;

import ai.djl.ndarray.NDManager;
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
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.trainer.data.DatasetPacks;
import io.ocellus.trainer.data.DatasetReader;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.data.SplitsHdf5;
import io.ocellus.trainer.registry.PublishedNets;
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
 * Feature extraction from a published model: a LeNet trained on ten digits extracts the features of three other
 * digits' images, a softmax classifier trains on them, and the extractor with its classifier is published as one
 * ONNX model through the parity gate, which classifies the held-out images as the evaluation says. A job naming a
 * layer that is not there fails with the reason.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class FeatureExtractionTest {

    private static final String BASE_DATA = "feature-extraction-base-digits";
    private static final String TARGET_DATA = "feature-extraction-three-digits";

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
    void aSoftmaxClassifierOnTheBaseFeaturesIsPublishedAsOneServableModel() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, BASE_DATA, Split.TRAIN, digits, 0, 20);
        StoredDatasets.storeDigits(store, BASE_DATA, Split.TEST, digits, 20, 25);
        StoredDatasets.storeDigits(store, TARGET_DATA, Split.TRAIN, digits.subList(3, 6), 100, 140);
        StoredDatasets.storeDigits(store, TARGET_DATA, Split.TEST, digits.subList(3, 6), 140, 160);
        String base = "extraction-base-" + UUID.randomUUID();
        JobView baseJob = run(request(BASE_DATA, base, 3, null));
        assertThat(baseJob.status()).as(baseJob.reason()).isEqualTo(TrainingStatus.COMPLETED);

        String model = "extracted-" + UUID.randomUUID();
        TrainingRequested extraction = request(TARGET_DATA, model, 15,
                TransferSpec.featureExtraction(base, null, null));
        JobView job = run(extraction);
        assertThat(job.status()).as(job.reason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(job.dataSource()).contains("features of model '" + base + "' version 1");
        assertThat(job.history()).hasSize(15);
        assertThat(job.evaluation().testImages()).isEqualTo(60);
        assertThat(job.evaluation().rank1()).as("three digits told apart on the base's features")
                .isGreaterThan(0.8);

        // the features: one row per image of every split, from the layer before the base's classifier
        ImageSet[] features = SplitsHdf5.read(store.get(Buckets.MODELS, JobArtifacts.features(extraction.jobId())),
                "features", 500);
        assertThat(features[0].count() + features[1].count() + features[2].count()).isEqualTo(180);
        assertThat(features[2].count()).isEqualTo(60);
        assertThat(features[0].slice(0, features[0].count())).as("not all zero")
                .isNotEqualTo(new float[features[0].count() * features[0].sampleSize()]);

        // the published model: extractor and classifier as one ONNX model, as the services serve it
        assertThat(job.model()).as("published through the parity gate").isNotNull();
        JobSpec spec = JobSpec.from(extraction);
        LoadedDataset images = packs.read(datasets.plan(TARGET_DATA, spec.validationFraction(), spec.testFraction(),
                spec.seed()), spec.preprocessor()).orElseThrow();
        byte[] onnx = store.get(Buckets.MODELS, ModelKeys.onnx(model, 1));
        try (OnnxClassifier served = OnnxClassifier.open(onnx, 1)) {
            assertThat(served.classes()).isEqualTo(3);
        }
        assertThat(JobRuns.servedRank1(onnx, images.test())).as("the served model scores what the evaluation says")
                .isCloseTo(job.evaluation().rank1(), within(1.5 / images.test().count()));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(published.load(model, null, manager).net().classes())
                    .as("a feature-extraction model loads back like any other").isEqualTo(3);
        }

        JobView noSuchLayer = run(request(TARGET_DATA, "no-such-layer-" + UUID.randomUUID(), 2,
                TransferSpec.featureExtraction(base, null, "99Nothing")));
        assertThat(noSuchLayer.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(noSuchLayer.reason()).contains("transfer.layer '99Nothing' is not a layer of model '" + base);
    }

    @Test
    void anExtractionFromAModelThatIsNotPublishedFailsWithTheReason() {
        JobView failed = run(request(TARGET_DATA, "orphan-" + UUID.randomUUID(), 2,
                TransferSpec.featureExtraction("never-published-" + UUID.randomUUID(), null, null)));
        assertThat(failed.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(failed.reason()).contains("is not in the registry");
    }

    private JobView run(TrainingRequested request) {
        return JobRuns.runToEnd(jobs, request, Duration.ofMinutes(3));
    }

    private static TrainingRequested request(String dataset, String model, int epochs, TransferSpec transfer) {
        return new TrainingRequested(TrainingRequested.SCHEMA_VERSION, "extraction-" + UUID.randomUUID(), dataset,
                model, Architecture.LENET, null, new InputShape(1, 28, 28), null, null,
                new HyperParameters(epochs, 16, Optimizer.ADAM, 0.001, null, null, 13L), null, null, null, transfer,
                null, Instant.now());
    }
}
