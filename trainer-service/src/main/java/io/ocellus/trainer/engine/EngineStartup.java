package io.ocellus.trainer.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads the PyTorch engine before anything else at start-up, on the main thread and the application's class
 * loader: DJL remembers a failed first lookup for the life of the JVM, so it must not happen on some other
 * thread. Picks the device training runs on ({@link DeviceChoice}, {@code ocellus.trainer.device}) and says why; a
 * trainer told to use a GPU that has none does not start.
 */
@ApplicationScoped
public class EngineStartup {

    private static final Logger LOG = Logger.getLogger(EngineStartup.class);

    private final Optional<Path> cacheDir;
    private final int threads;
    private final DjlSetup.Natives natives;
    private final DeviceChoice.Mode mode;
    private final int gpus;
    private volatile List<Device> devices = List.of(Device.cpu());

    public EngineStartup(@ConfigProperty(name = "ocellus.trainer.djl-cache-dir") Optional<Path> cacheDir,
                         @ConfigProperty(name = "ocellus.trainer.threads", defaultValue = "0") int threads,
                         @ConfigProperty(name = "ocellus.trainer.device", defaultValue = "auto") String device,
                         @ConfigProperty(name = "ocellus.trainer.gpus", defaultValue = "1") int gpus,
                         @ConfigProperty(name = "ocellus.trainer.djl-offline", defaultValue = "true") boolean offline,
                         @ConfigProperty(name = "ocellus.trainer.pytorch-library-path") Optional<Path> libraryPath,
                         @ConfigProperty(name = "ocellus.trainer.pytorch-flavor") Optional<String> flavor) {
        this.cacheDir = cacheDir;
        this.threads = threads;
        this.natives = new DjlSetup.Natives(offline, libraryPath, flavor);
        this.mode = DeviceChoice.Mode.parse(device);
        this.gpus = gpus;
    }

    void start(@Observes @Priority(1) StartupEvent event) {
        Engine engine = DjlSetup.start(cacheDir.orElseGet(DjlSetup::defaultCacheDir), threads, natives);
        DeviceChoice.Choice choice = DeviceChoice.choose(mode, engine.getGpuCount(), gpus);
        devices = choice.devices();
        LOG.infof("training engine %s %s on %s (%s threads, natives %s%s): %s", engine.getEngineName(),
                engine.getVersion(), devices, threads > 0 ? String.valueOf(threads) : "default",
                natives.libraryPath().map(Path::toString).orElse("bundled"),
                natives.offline() ? ", offline" : "", choice.reason());
    }

    /** The device that holds the model's own copy and runs the self-tests: the first of {@link #devices()}. */
    public Device device() {
        return devices.get(0);
    }

    /** Every device training uses; a batch is split between them. */
    public List<Device> devices() {
        return devices;
    }
}
