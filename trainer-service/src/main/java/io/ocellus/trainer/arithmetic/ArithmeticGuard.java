package io.ocellus.trainer.arithmetic;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.health.SelfTestStatus;
import io.ocellus.trainer.engine.EngineStartup;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.CpuDescription;
import io.ocellus.vision.arithmetic.ResultTap;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the trainer from training on arithmetic that failed its check: the self-test runs right after the engine
 * loads (the service is not ready until it passes) and again before every job, and a diverged job is diagnosed
 * by running it once more.
 */
@ApplicationScoped
public class ArithmeticGuard {

    private static final Logger LOG = Logger.getLogger(ArithmeticGuard.class);

    private final EngineStartup engine;
    private final OneDnnMode mode;
    private final SelfTestStatus status;
    private volatile SelfTestPolicy policy;

    public ArithmeticGuard(EngineStartup engine, MeterRegistry registry,
                           @ConfigProperty(name = "ocellus.trainer.onednn", defaultValue = "auto") String mode) {
        this.engine = engine;
        try {
            this.mode = OneDnnMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ocellus.trainer.onednn must be auto, on or off, got '" + mode + "'", e);
        }
        this.status = new SelfTestStatus("pytorch", registry);
    }

    /** After {@link EngineStartup} (priority 1) has loaded the engine, on the same thread. */
    void start(@Observes @Priority(2) StartupEvent event) {
        use(ResultTap.NONE);
        verify("start-up");
    }

    /** Runs the self-test with {@code tap} on every result from now on: {@link ResultTap#NONE} in service. */
    public synchronized void use(ResultTap tap) {
        policy = new SelfTestPolicy(mode, engine.device(), tap);
        policy.applyMode();
    }

    /** Runs the self-test and records it; returns the failure message when it failed. */
    public synchronized Optional<String> verify(String occasion) {
        return Optional.ofNullable(check(occasion).failure());
    }

    private SelfTestPolicy.Verdict check(String occasion) {
        SelfTestPolicy.Verdict verdict;
        try {
            verdict = policy.verify();
        } catch (RuntimeException e) {
            // a self-test that cannot run proves nothing: the trainer stays not ready and runs no job
            ArithmeticReport none = new ArithmeticReport("PyTorch", List.of(), Duration.ZERO, CpuDescription.current());
            verdict = new SelfTestPolicy.Verdict(none, null, "the arithmetic self-test could not run on "
                    + none.cpu() + ": " + e + "; no job runs until it does");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("cpu", verdict.report().cpu().toString());
        details.put("onednnMode", mode.name().toLowerCase(java.util.Locale.ROOT));
        status.record(verdict.passed(), verdict.summary(), verdict.failure(), verdict.report().took(), details);
        if (!verdict.passed()) {
            LOG.errorf("%s: %s", occasion, verdict.failure());
        } else if (verdict.oneDnnFailure() != null) {
            LOG.warnf("%s: %s", occasion, verdict.summary());
        } else {
            LOG.infof("%s: %s", occasion, verdict.summary());
        }
        return verdict;
    }

    /**
     * Why a training run diverged, told by running the self-test again: wrong arithmetic (the failure message)
     * or, when it passes, the hyper-parameters.
     */
    public synchronized Diagnosis diagnoseDivergence(String jobId) {
        SelfTestPolicy.Verdict verdict = check("job " + jobId + " diverged");
        if (!verdict.passed()) {
            return new Diagnosis(true, "the arithmetic is to blame, not the hyper-parameters: " + verdict.failure());
        }
        return new Diagnosis(false, "the arithmetic self-test passed again (" + verdict.report().checks().size()
                + " operator checks of " + verdict.report().runtime() + "), so the hyper-parameters are to blame");
    }

    public SelfTestStatus status() {
        return status;
    }

    /** Whether the arithmetic ({@code arithmetic}) or the hyper-parameters made a run diverge, and why. */
    public record Diagnosis(boolean arithmetic, String explanation) {
    }
}
