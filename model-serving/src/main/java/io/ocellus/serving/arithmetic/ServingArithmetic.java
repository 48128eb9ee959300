package io.ocellus.serving.arithmetic;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.health.SelfTestStatus;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.onnx.OnnxSelfTest;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * Proves ONNX Runtime's arithmetic on this CPU before any model is served: at start-up, before the registry's
 * models load, it runs the built-in self-test model with the session options served models get and compares
 * every node with the float64 reference. Until it passes, the service is not ready and serves nothing.
 */
@ApplicationScoped
public class ServingArithmetic {

    private static final Logger LOG = Logger.getLogger(ServingArithmetic.class);

    private final int threads;
    private final SelfTestStatus status;

    public ServingArithmetic(MeterRegistry registry,
                             @ConfigProperty(name = "ocellus.serving.threads", defaultValue = "0") int threads) {
        this.threads = threads;
        this.status = new SelfTestStatus("onnxruntime", registry);
    }

    void start(@Observes @Priority(1) StartupEvent event) {
        verify(new OnnxSelfTest(threads));
    }

    /** Runs {@code test} and records its result; a test passes its own, deliberately wrong, self-test here. */
    public ArithmeticReport verify(OnnxSelfTest test) {
        ArithmeticReport report;
        try {
            report = test.run();
        } catch (RuntimeException e) {
            String failure = "ONNX Runtime cannot run its arithmetic self-test: " + e.getMessage();
            LOG.error(failure, e);
            status.record(false, failure, failure, java.time.Duration.ZERO, Map.of());
            return null;
        }
        String failure = report.passed() ? null : report.failureMessage(OnnxSelfTest.REMEDY);
        status.record(report.passed(), report.summary(), failure, report.took(),
                Map.of("cpu", report.cpu().toString()));
        if (report.passed()) {
            LOG.info(report.summary());
        } else {
            LOG.error(failure);
        }
        return report;
    }

    /** Why nothing may be served, while the self-test has not passed. */
    public Optional<String> refusal() {
        if (status.passed()) {
            return Optional.empty();
        }
        SelfTestStatus.Result result = status.result();
        return Optional.of(result == null ? "ONNX Runtime's arithmetic self-test has not finished yet"
                : "nothing is served: " + result.failure());
    }

    public SelfTestStatus status() {
        return status;
    }
}
