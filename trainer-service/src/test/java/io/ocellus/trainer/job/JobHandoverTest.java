package io.ocellus.trainer.job;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a model's request partition goes to another trainer, its jobs go with it: the running one stops between
 * two batches and the waiting one at once, both stay unfinished in the journal marked as handed over, and the
 * trainer that takes the model resumes them from their checkpoints without counting a recovery. A cancel left in
 * the journal by a trainer that does not run the job stops it too.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class JobHandoverTest {

    private static final String DATASET = "handover-digits";

    @Inject
    TrainingJobs jobs;

    @Inject
    JobRecovery recovery;

    @Inject
    JobJournal journal;

    @Inject
    JobDirectory directory;

    @Inject
    ObjectStore store;

    @BeforeEach
    void storeDigits() throws Exception {
        store.ensureBucket(Buckets.IMAGES);
        List<List<byte[]>> digits = StoredDatasets.mnistDigits();
        StoredDatasets.storeDigits(store, DATASET, Split.TRAIN, digits, 0, 30);
        StoredDatasets.storeDigits(store, DATASET, Split.TEST, digits, 30, 40);
    }

    @Test
    void aModelsJobsMoveToTheTrainerThatTakesItAndResumeWithoutCountingARecovery() {
        String model = "handover-" + UUID.randomUUID();
        TrainingRequested running = request("running-" + UUID.randomUUID(), model, 40);
        TrainingRequested waiting = request("waiting-" + UUID.randomUUID(), model, 2);
        jobs.submit(running);
        jobs.submit(waiting);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> journal.lastCheckpoint(running.jobId()).orElse(0) >= 2);

        int released = jobs.release(name -> name.equals(model), Duration.ofMinutes(1));

        assertThat(released).isEqualTo(2);
        assertThat(jobs.find(running.jobId())).isEmpty();
        assertThat(jobs.find(waiting.jobId())).isEmpty();
        JobJournal.Entry stopped = journal.find(running.jobId()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(TrainingStatus.RUNNING);
        assertThat(stopped.released()).isTrue();
        JobJournal.Entry queued = journal.find(waiting.jobId()).orElseThrow();
        assertThat(queued.status()).isEqualTo(TrainingStatus.QUEUED);
        assertThat(queued.released()).isTrue();
        // any trainer answers for a job it does not hold, from the journal
        assertThat(directory.find(running.jobId())).get().extracting(JobState::status)
                .isEqualTo(TrainingStatus.RUNNING);
        int doneBefore = journal.lastCheckpoint(running.jobId()).orElseThrow();

        assertThat(recovery.recover(name -> name.equals(model))).isEqualTo(2);

        JobView resumed = awaitEnd(running.jobId());
        assertThat(resumed.status()).as(resumed.reason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(resumed.history()).extracting(EpochMetrics::epoch)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(resumed.history().subList(0, doneBefore)).as("the epochs done before the hand-over are kept")
                .extracting(EpochMetrics::epoch).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, doneBefore).boxed().toList());
        assertThat(awaitEnd(waiting.jobId()).status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(journal.find(running.jobId()).orElseThrow().recoveries()).as("a hand-over is no recovery")
                .isZero();
        assertThat(journal.find(waiting.jobId()).orElseThrow().recoveries()).isZero();
    }

    @Test
    void aCancelLeftInTheJournalStopsTheJobWhereverItRuns() {
        TrainingRequested job = request("cancelled-" + UUID.randomUUID(), "cancel-" + UUID.randomUUID(), 200);
        jobs.submit(job);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> journal.lastCheckpoint(job.jobId()).orElse(0) >= 1);

        // what a trainer that does not run the job does with a cancel for it
        journal.requestCancel(job.jobId(), "asked on another trainer");

        JobView ended = awaitEnd(job.jobId());
        assertThat(ended.status()).isEqualTo(TrainingStatus.CANCELLED);
        assertThat(ended.reason()).contains("asked on another trainer");
        assertThat(ended.history().size()).isLessThan(200);
    }

    private JobView awaitEnd(String jobId) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(jobId).map(JobState::view).orElse(null),
                        view -> view != null && view.status().isTerminal());
    }

    private static TrainingRequested request(String jobId, String model, int epochs) {
        return TrainingRequested.of(jobId, DATASET, Architecture.LENET, new InputShape(1, 28, 28),
                new HyperParameters(epochs, 10, Optimizer.SGD, 0.01, 0.9, null, 3L), null, null, null, null,
                null, Instant.now()).withModelName(model);
    }
}
