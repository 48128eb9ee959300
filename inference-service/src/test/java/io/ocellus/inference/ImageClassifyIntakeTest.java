package io.ocellus.inference;

import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.events.Task;
import io.ocellus.teststack.ImageIntakeContractTest;
import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.SecuredEndpoint;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;

import java.util.List;

/** Runs first: no model is registered yet, so ingested images are counted as skipped. */
@QuarkusTest
@Order(1)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageClassifyIntakeTest extends ImageIntakeContractTest {

    @Override
    protected Task task() {
        return Task.CLASSIFY;
    }

    @Override
    protected String consumerGroup() {
        return ConsumerGroups.INFERENCE;
    }

    @Override
    protected String skippedMetric() {
        return "ocellus_inference_images_skipped_total";
    }

    @Override
    protected List<SecuredEndpoint> securedEndpoints() {
        return List.of(SecuredEndpoint.get("/v1/models"), SecuredEndpoint.get("/v1/models/no-such-model"),
                SecuredEndpoint.post("/v1/models/no-such-model:classify", "image/png"),
                SecuredEndpoint.post("/v1/models/no-such-model:classify?count=1",
                        "application/vnd.ocellus.tensor+float32"),
                SecuredEndpoint.post("/v1/orient?model=no-such-model", "image/png"));
    }
}
