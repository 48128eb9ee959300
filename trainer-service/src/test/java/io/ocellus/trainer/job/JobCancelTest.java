package io.ocellus.trainer.job;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A running job stops between two batches when a cancel arrives, by event or over HTTP. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class JobCancelTest {

    private static final String DATASET = "mnist-cancel";

    @Inject
    TrainingJobs jobs;

    @Inject
    ObjectStore store;

    @Test
    void aCancelEventStopsTheRunningJob() throws Exception {
        storeDigits();
        TrainingRequested request = longJob("by-event-" + System.nanoTime());
        KafkaProbe.send(Topics.TRAINING_REQUESTED, request.jobId(), EventSerde.instance().serialize(request));
        awaitFirstEpoch(request.jobId());

        KafkaProbe.send(Topics.TRAINING_CANCELS, request.jobId(), EventSerde.instance().serialize(
                TrainingCancelRequested.of(request.jobId(), "wrong learning rate", Instant.now())));

        JobView view = awaitTerminal(request.jobId());
        assertThat(view.status()).isEqualTo(TrainingStatus.CANCELLED);
        assertThat(view.reason()).contains("cancelled during epoch").endsWith(": wrong learning rate");
        assertThat(view.history().size()).isLessThan(request.hyperParameters().epochs());
    }

    @Test
    void anHttpCancelStopsTheRunningJob() throws Exception {
        storeDigits();
        TrainingRequested request = longJob("by-http-" + System.nanoTime());
        jobs.submit(request);
        awaitFirstEpoch(request.jobId());

        given().auth().oauth2(TestTokens.token("tina", "trainer")).post("/v1/jobs/" + request.jobId() + "/cancel")
                .then().statusCode(202);

        assertThat(awaitTerminal(request.jobId()).status()).isEqualTo(TrainingStatus.CANCELLED);
        given().auth().oauth2(TestTokens.token("tina", "viewer")).post("/v1/jobs/" + request.jobId() + "/cancel")
                .then().statusCode(403);
    }

    private void storeDigits() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        StoredDatasets.storeDigits(store, DATASET, Split.TRAIN, StoredDatasets.mnistDigits(), 0, 20);
    }

    private void awaitFirstEpoch(String jobId) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobs.find(jobId).map(s -> !s.view().history().isEmpty()).orElse(false));
    }

    private JobView awaitTerminal(String jobId) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobs.find(jobId).map(JobState::view).orElse(null),
                        view -> view != null && view.status().isTerminal());
    }

    private static TrainingRequested longJob(String jobId) {
        return TrainingRequested.of(jobId, DATASET, Architecture.LENET, new InputShape(1, 28, 28),
                new HyperParameters(500, 16, Optimizer.ADAGRAD, 0.01, null, null, 3L), null, null, null, null, null,
                Instant.now());
    }
}
