package io.ocellus.trainer;

import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.teststack.ConsumerContractTest;
import io.ocellus.teststack.KafkaProbe;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.SecuredEndpoint;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class TrainingRequestIntakeTest extends ConsumerContractTest {

    private static final String RECEIVED = "ocellus_training_requests_received_total";

    @Override
    protected String consumerGroup() {
        return ConsumerGroups.TRAINER;
    }

    @Override
    protected Map<String, byte[]> wellFormedRecords() {
        return Map.of(Topics.TRAINING_REQUESTED, EventSerde.instance().serialize(request("job-" + UUID.randomUUID())),
                Topics.TRAINING_CANCELS, cancelOfAnUnknownJob());
    }

    @Test
    void validRequestFromTheBrokerIsReceived() {
        double before = metricSum(RECEIVED);
        String jobId = "job-" + UUID.randomUUID();

        KafkaProbe.send(Topics.TRAINING_REQUESTED, jobId, EventSerde.instance().serialize(request(jobId)));

        assertThat(awaitMetric(RECEIVED, before + 1)).isEqualTo(before + 1);
    }

    /** A request for a data set the store does not hold: received, then failed by the job for want of data. */
    private static TrainingRequested request(String jobId) {
        return TrainingRequested.of(jobId, "fashion-mnist", Architecture.LENET,
                new InputShape(1, 28, 28), new HyperParameters(2, 64, Optimizer.SGD, 0.01, null, null, 42L),
                null, null, null, null, null, Instant.now());
    }

    @Override
    protected List<SecuredEndpoint> securedEndpoints() {
        return List.of(SecuredEndpoint.post("/v1/jobs", "application/json", "trainer"),
                SecuredEndpoint.get("/v1/jobs"), SecuredEndpoint.get("/v1/jobs/no-such-job"),
                SecuredEndpoint.post("/v1/jobs/no-such-job/cancel", null, "trainer"),
                SecuredEndpoint.get("/v1/jobs/no-such-job/curve.png"),
                SecuredEndpoint.get("/v1/registry"), SecuredEndpoint.get("/v1/registry/no-such-model"),
                SecuredEndpoint.post("/v1/registry/no-such-model/promote", "application/json", "admin"),
                SecuredEndpoint.post("/v1/registry/no-such-model/rollback", "application/json", "admin"));
    }
}
