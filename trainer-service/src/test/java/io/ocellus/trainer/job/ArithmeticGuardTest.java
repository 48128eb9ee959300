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
import io.ocellus.trainer.arithmetic.ArithmeticGuard;
import io.ocellus.trainer.arithmetic.OneDnn;
import io.ocellus.vision.arithmetic.ResultTap;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The trainer with its arithmetic made wrong on purpose: it is not ready, says why, runs no job, and tells a
 * divergence caused by wrong arithmetic from one caused by the hyper-parameters.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ArithmeticGuardTest {

    private static final String LENET_CONV = "convolution 20->50 5x5 pad 2 forward";
    private static final String DATASET = "arithmetic-squares";

    @Inject
    ArithmeticGuard guard;

    @Inject
    TrainingJobs jobs;

    @Inject
    ObjectStore store;

    @AfterEach
    void rightAgain() {
        guard.use(ResultTap.NONE);
        OneDnn.enable(true);
        assertThat(guard.verify("test clean-up")).isEmpty();
    }

    @Test
    void theTrainerIsReadyAndShowsItsSelfTestInHealthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Arithmetic self-test' }.status", equalTo("UP"))
                .body(containsString("operator checks right"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ocellus_selftest_passed{runtime=\"pytorch\"} 1.0"))
                .body(containsString("ocellus_selftest_duration_seconds_count{outcome=\"passed\",runtime=\"pytorch\"}"));
    }

    @Test
    void wrongArithmeticMakesTheTrainerNotReadyAndRefusesEveryJob() {
        guard.use(wrong(LENET_CONV));
        assertThat(guard.verify("test")).get().asString().contains(LENET_CONV, "Turning oneDNN off does not fix it");

        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Arithmetic self-test' }.status", equalTo("DOWN"))
                .body(containsString(LENET_CONV)).body(containsString("cpu"));
        given().get("/q/metrics").then().body(containsString("ocellus_selftest_passed{runtime=\"pytorch\"} 0.0"));

        TrainingRequested request = request("refused-" + System.nanoTime(), 0.01);
        jobs.submit(request);
        JobView view = awaitTerminal(request.jobId());
        assertThat(view.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(view.reason()).startsWith("not run: arithmetic self-test").contains(LENET_CONV);
        assertThat(view.history()).isEmpty();
    }

    @Test
    void aSelfTestThatCannotRunCountsAsFailed() {
        guard.use((operator, values) -> {
            throw new IllegalStateException("kernel crashed");
        });

        assertThat(guard.verify("test")).get().asString().contains("could not run", "kernel crashed",
                "no job runs until it does");
        given().get("/q/health/ready").then().statusCode(503).body(containsString("kernel crashed"));
    }

    @Test
    void aDivergenceOnRightArithmeticBlamesTheHyperParameters() {
        storeSquares();
        TrainingRequested request = request("runaway-" + System.nanoTime(), 1e6);
        jobs.submit(request);

        JobView view = awaitTerminal(request.jobId());
        assertThat(view.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(view.reason()).contains("lower the learning rate", "self-test passed again",
                "hyper-parameters are to blame");
    }

    @Test
    void aDivergenceOnArithmeticThatGoesWrongFailsTheJobAndBlamesTheArithmetic() {
        storeSquares();
        // the check before the job passes; every later one (the divergence diagnosis) finds the convolution wrong
        AtomicInteger runs = new AtomicInteger();
        guard.use((operator, values) -> {
            if (operator.equals("convolution 1->20 5x5 pad 2 forward")) {
                runs.incrementAndGet();
            }
            return runs.get() > 1 ? wrong(LENET_CONV).apply(operator, values) : values;
        });
        TrainingRequested request = request("wrong-" + System.nanoTime(), 1e6);
        jobs.submit(request);

        JobView view = awaitTerminal(request.jobId());
        assertThat(view.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(view.reason()).contains("training loss", "the arithmetic is to blame, not the hyper-parameters",
                LENET_CONV);
    }

    private void storeSquares() {
        store.ensureBucket(Buckets.IMAGES);
        for (int i = 0; i < 8; i++) {
            for (String label : new String[]{"dark", "bright"}) {
                byte[] pixels = new byte[8 * 8];
                java.util.Arrays.fill(pixels, (byte) (label.equals("dark") ? 10 + i : 200 + i));
                StoredDatasets.storeImage(store, DATASET, Split.TRAIN, label,
                        io.ocellus.samples.GrayscalePng.encode(pixels, 8, 8));
            }
        }
    }

    /** Adds 0.05 to one value of {@code operator}'s result: the size of the error oneDNN made on LeNet. */
    private static ResultTap wrong(String operator) {
        return (name, values) -> {
            if (name.equals(operator)) {
                values[values.length / 2] += 0.05f;
            }
            return values;
        };
    }

    private JobView awaitTerminal(String jobId) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobs.find(jobId).map(JobState::view).orElse(null),
                        view -> view != null && view.status().isTerminal());
    }

    private static TrainingRequested request(String jobId, double rate) {
        return TrainingRequested.of(jobId, DATASET, Architecture.LENET, new InputShape(1, 8, 8),
                new HyperParameters(2, 8, Optimizer.SGD, rate, null, null, 3L), null, null, null, null, null,
                Instant.now());
    }
}
