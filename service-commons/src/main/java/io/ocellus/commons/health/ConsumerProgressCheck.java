package io.ocellus.commons.health;

import io.ocellus.commons.messaging.InFlightRecords;
import io.ocellus.commons.messaging.RetryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Not ready while a consumer has been stuck on one record for longer than {@code stall-after}, typically waiting
 * for the store or the broker to come back; names the record and its last failure. Readiness, not liveness: the
 * consumer resumes by itself when the dependency returns, so restarting the service would only lose time.
 */
@Readiness
@ApplicationScoped
public class ConsumerProgressCheck implements HealthCheck {

    private final InFlightRecords inFlight;
    private final Duration stallAfter;

    public ConsumerProgressCheck(InFlightRecords inFlight, RetryConfig retry) {
        this.inFlight = inFlight;
        this.stallAfter = retry.stallAfter();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event consumers");
        long now = System.nanoTime();
        return inFlight.oldest().filter(record -> record.age(now).compareTo(stallAfter) > 0)
                .map(record -> response.down()
                        .withData("stalled", record.consumerGroup() + " " + record.position())
                        .withData("for", record.age(now).toSeconds() + " s")
                        .withData("reason", record.lastFailure() == null ? "still processing" : record.lastFailure())
                        .build())
                .orElseGet(() -> response.up().build());
    }
}
