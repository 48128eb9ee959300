package io.ocellus.trainer.engine;

import ai.djl.engine.Engine;

/** Starts the PyTorch engine once per test JVM, single-threaded so that results do not depend on the box. */
public final class TestEngine {

    private TestEngine() {
    }

    public static Engine pytorch() {
        return DjlSetup.start(DjlSetup.defaultCacheDir(), 1);
    }
}
