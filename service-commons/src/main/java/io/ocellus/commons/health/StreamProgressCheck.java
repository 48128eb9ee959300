package io.ocellus.commons.health;

import io.ocellus.commons.messaging.RetryConfig;
import io.ocellus.commons.messaging.stream.TransactionalStreams;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.List;

/**
 * Not ready while an exactly-once stream has committed nothing for longer than {@code stall-after} because it keeps
 * failing (the broker away, its login refused), or its thread has ended; names the stream and the last failure.
 * The stream keeps trying by itself, so this is readiness, not liveness.
 */
@Readiness
@ApplicationScoped
public class StreamProgressCheck implements HealthCheck {

    private final TransactionalStreams streams;
    private final Duration stallAfter;

    public StreamProgressCheck(TransactionalStreams streams, RetryConfig retry) {
        this.streams = streams;
        this.stallAfter = retry.stallAfter();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event streams");
        List<String> stalled = streams.stalled(stallAfter);
        if (stalled.isEmpty()) {
            return response.up().build();
        }
        return response.down().withData("stalled", String.join("; ", stalled)).build();
    }
}
