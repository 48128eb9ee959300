package io.ocellus.trainer.engine;

import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Prepares DJL's PyTorch engine: DJL reads its settings from system properties (or the environment) on the first
 * engine call, never from Quarkus configuration, so they are copied there first. By default it runs offline, with
 * the natives of the pytorch-native-cpu jar on the class path, unpacked once into the cache folder; a GPU image
 * points it at a CUDA build of libtorch instead ({@link Natives}).
 */
public final class DjlSetup {

    public static final String ENGINE = "PyTorch";

    /**
     * Where PyTorch's natives come from. {@code offline} keeps DJL from downloading anything; {@code libraryPath}
     * is a libtorch folder to load instead of the bundled CPU natives (DJL's PYTORCH_LIBRARY_PATH), and
     * {@code flavor} its build (PYTORCH_FLAVOR, such as cu128), which picks the matching JNI library.
     */
    public record Natives(boolean offline, Optional<Path> libraryPath, Optional<String> flavor) {

        /** The bundled CPU natives, nothing downloaded. */
        public static final Natives BUNDLED_CPU = new Natives(true, Optional.empty(), Optional.empty());
    }

    private DjlSetup() {
    }

    /** As {@link #start(Path, int, Natives)} with the bundled CPU natives. */
    public static Engine start(Path cacheDir, int threads) {
        return start(cacheDir, threads, Natives.BUNDLED_CPU);
    }

    /**
     * Sets DJL's offline, tracking, cache, natives and thread properties, then loads the engine. {@code threads}
     * of zero or less leaves PyTorch's own choice (one per core).
     */
    public static synchronized Engine start(Path cacheDir, int threads, Natives natives) {
        System.setProperty("ai.djl.offline", String.valueOf(natives.offline()));
        natives.libraryPath().ifPresent(path -> System.setProperty("PYTORCH_LIBRARY_PATH", path.toString()));
        natives.flavor().ifPresent(flavor -> System.setProperty("PYTORCH_FLAVOR", flavor));
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
