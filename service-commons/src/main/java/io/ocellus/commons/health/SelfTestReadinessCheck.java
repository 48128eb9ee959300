package io.ocellus.commons.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Ready only when the arithmetic self-test has run and passed; DOWN before it ran and after it failed, with the
 * failure message (the wrong operator, its error, the CPU and the fix). A service that computes declares its own
 * {@code @Readiness} subclass over its {@link SelfTestStatus}.
 */
public abstract class SelfTestReadinessCheck implements HealthCheck {

    private final SelfTestStatus status;

    protected SelfTestReadinessCheck(SelfTestStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Arithmetic self-test")
                .withData("runtime", status.runtime());
        SelfTestStatus.Result result = status.result();
        if (result == null) {
            return response.down().withData("reason", "the self-test has not finished yet").build();
        }
        result.details().forEach(response::withData);
        response.withData("result", result.summary());
        if (!result.passed()) {
            return response.down().withData("reason", result.failure()).build();
        }
        return response.up().build();
    }
}
