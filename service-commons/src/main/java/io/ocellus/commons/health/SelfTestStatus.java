package io.ocellus.commons.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest result of a service's arithmetic self-test, as readiness, metrics and logs show it: not run yet,
 * passed, or failed with a message that says what was wrong and what fixes it. Metrics:
 * {@code ocellus_selftest_passed{runtime}} (1 passed, 0 failed or not run) and
 * {@code ocellus_selftest_duration_seconds{runtime,outcome}}.
 */
public final class SelfTestStatus {

    private final String runtime;
    private final Timer passedTimer;
    private final Timer failedTimer;
    private volatile Result result;

    /** One status per checked runtime ({@code runtime}: a metric tag such as "pytorch" or "onnxruntime"). */
    public SelfTestStatus(String runtime, MeterRegistry registry) {
        this.runtime = runtime;
        Gauge.builder("ocellus.selftest.passed", this, status -> status.passed() ? 1 : 0)
                .description("1 when the latest arithmetic self-test passed, 0 when it failed or has not run")
                .tag("runtime", runtime).register(registry);
        this.passedTimer = timer(registry, "passed");
        this.failedTimer = timer(registry, "failed");
    }

    private Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("ocellus.selftest.duration").description("How long the arithmetic self-test took")
                .tag("runtime", runtime).tag("outcome", outcome).register(registry);
    }

    public void record(boolean passed, String summary, String failure, Duration took, Map<String, String> details) {
        result = new Result(passed, summary, failure, details);
        (passed ? passedTimer : failedTimer).record(took);
    }

    public boolean passed() {
        Result current = result;
        return current != null && current.passed();
    }

    /** Null until the first self-test has finished. */
    public Result result() {
        return result;
    }

    public String runtime() {
        return runtime;
    }

    /** {@code failure} is null when the test passed; {@code details} go into the readiness response. */
    public record Result(boolean passed, String summary, String failure, Map<String, String> details) {

        public Result {
            details = new LinkedHashMap<>(details);
        }
    }
}
