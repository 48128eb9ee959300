package io.ocellus.trainer.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.ocellus.trainer.arithmetic.OneDnnMode;
import io.ocellus.trainer.arithmetic.SelfTestPolicy;
import io.ocellus.vision.arithmetic.ResultTap;

/**
 * Starts the PyTorch engine once per test JVM, single-threaded so that results do not depend on the box, and
 * proves its arithmetic as the service does (oneDNN turned off where it computes wrong): a test that trains or
 * compares outside the service must not run on wrong arithmetic either.
 */
public final class TestEngine {

    private static SelfTestPolicy.Verdict verdict;

    private TestEngine() {
    }

    public static synchronized Engine pytorch() {
        Engine engine = DjlSetup.start(DjlSetup.defaultCacheDir(), 1);
        if (verdict == null) {
            verdict = new SelfTestPolicy(OneDnnMode.AUTO, Device.cpu(), ResultTap.NONE).verify();
            System.err.println(verdict.summary());
        }
        if (!verdict.passed()) {
            throw new IllegalStateException(verdict.failure());
        }
        return engine;
    }
}
