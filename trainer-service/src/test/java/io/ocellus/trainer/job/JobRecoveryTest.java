package io.ocellus.trainer.job;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.ocellus.trainer.training.EpochMetrics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A trainer that stops mid-job finds the job in its journal at the next start and resumes it. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class JobRecoveryTest {

    private static final String DATASET = "mnist-small";

    @Inject
    TrainingJobs jobs;

    @Inject
    JobJournal journal;

    @Inject
    JobRecovery recovery;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    @Test
    void anUnfinishedJobResumesFromItsLastCheckpoint() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, DATASET, Split.TRAIN, digits, 0, 30);
        StoredDatasets.storeDigits(store, DATASET, Split.TEST, digits, 30, 40);
        // a finished job supplies a real epoch-1 checkpoint and its metrics
        TrainingRequested first = request("first-" + System.nanoTime(), 1);
        jobs.submit(first);
        JobView done = awaitTerminal(first.jobId());
        assertThat(done.status()).as(done.reason()).isEqualTo(TrainingStatus.COMPLETED);

        // the state a trainer leaves behind when it stops during epoch 2 of 3
        TrainingRequested interrupted = request("interrupted-" + System.nanoTime(), 3);
        journal.save(interrupted, TrainingStatus.RUNNING, null);
        store.put(Buckets.MODELS, JobArtifacts.checkpoint(interrupted.jobId(), 1),
                store.get(Buckets.MODELS, JobArtifacts.checkpoint(first.jobId(), 1)), "application/octet-stream");
        store.put(Buckets.MODELS, JobArtifacts.history(interrupted.jobId()), json.writeValueAsBytes(done.history()),
                "application/json");

        assertThat(recovery.recover()).isEqualTo(1);

        JobView resumed = awaitTerminal(interrupted.jobId());
        assertThat(resumed.status()).as(resumed.reason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(resumed.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(resumed.history().get(0)).isEqualTo(done.history().get(0));
        assertThat(journal.unfinished()).extracting(e -> e.request().jobId()).doesNotContain(interrupted.jobId());
        assertThat(recovery.recover()).as("nothing left to resume").isZero();
    }

    @Test
    void aJobThatKeepsStoppingTheTrainerFailsInsteadOfResumingForever() {
        TrainingRequested killer = request("killer-" + System.nanoTime(), 2);
        // three starts already found it RUNNING: each time the trainer died while it ran
        journal.save(killer, TrainingStatus.RUNNING, null, 3);

        recovery.recover();

        assertThat(jobs.find(killer.jobId())).get().satisfies(state -> {
            assertThat(state.status()).isEqualTo(TrainingStatus.FAILED);
            assertThat(state.view().reason()).contains("4 times", "not resumed again");
        });
        assertThat(journal.find(killer.jobId())).get().extracting(JobJournal.Entry::status)
                .isEqualTo(TrainingStatus.FAILED);
    }

    private JobView awaitTerminal(String jobId) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(jobId).map(JobState::view).orElse(null),
                        view -> view != null && view.status().isTerminal());
    }

    private static TrainingRequested request(String jobId, int epochs) {
        return TrainingRequested.of(jobId, DATASET, Architecture.LENET, new InputShape(1, 28, 28),
                new HyperParameters(epochs, 32, Optimizer.RMSPROP, 0.001, null, null, 5L), null, null, null, null,
                null, Instant.now());
    }
}
