package io.ocellus.trainer.engine;

import ai.djl.engine.Engine;

import java.nio.file.Path;

/**
 * Prepares DJL's PyTorch engine to run offline: DJL reads its settings from system properties (or the
 * environment) on the first engine call, never from Quarkus configuration, so they are copied there first.
 * Natives come from the pytorch-native-cpu jar on the class path and are unpacked once into the cache folder.
 */
public final class DjlSetup {

    public static final String ENGINE = "PyTorch";

    private DjlSetup() {
    }

    /**
     * Sets DJL's offline, tracking, cache and thread properties, then loads the engine. {@code threads} of zero
     * or less leaves PyTorch's own choice (one per core).
     */
    public static synchronized Engine start(Path cacheDir, int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("DJL_CACHE_DIR", cacheDir.toString());
        System.setProperty("ENGINE_CACHE_DIR", cacheDir.toString());
        System.setProperty("ai.djl.default_engine", ENGINE);
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return Engine.getEngine(ENGINE);
    }

    /** The cache folder used when none is configured: DJL's usual one under the user's home. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".djl.ai");
    }
}
