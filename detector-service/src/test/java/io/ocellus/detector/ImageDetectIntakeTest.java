package io.ocellus.detector;

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

/** Runs first: no detector model is registered yet, so ingested images are counted as skipped. */
@QuarkusTest
@Order(1)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageDetectIntakeTest extends ImageIntakeContractTest {

    @Override
    protected Task task() {
        return Task.DETECT;
    }

    @Override
    protected String consumerGroup() {
        return ConsumerGroups.DETECTOR;
    }

    @Override
    protected String skippedMetric() {
        return "ocellus_detector_images_skipped_total";
    }

    @Override
    protected List<SecuredEndpoint> securedEndpoints() {
        return List.of(SecuredEndpoint.post("/v1/detect", "image/png"));
    }
}
