package io.ocellus.serving;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loads the registry's current models when the service starts, off the main thread so that a store that is not
 * up yet delays serving, not start-up; it tries again every few seconds until one pass succeeds.
 */
@ApplicationScoped
public class ModelStartup {

    private static final Logger LOG = Logger.getLogger(ModelStartup.class);
    private static final long RETRY_SECONDS = 5;

    private final ModelServing serving;
    private volatile boolean loaded;
    private final ScheduledExecutorService loader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "model-startup");
        thread.setDaemon(true);
        return thread;
    });

    public ModelStartup(ModelServing serving) {
        this.serving = serving;
    }

    void start(@Observes StartupEvent event) {
        loader.execute(this::load);
    }

    private void load() {
        try {
            serving.refreshAll();
            loaded = true;
            LOG.infof("serving %d model(s) from the registry", serving.served().size());
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the model registry yet (%s); trying again in %d s", e.getMessage(), RETRY_SECONDS);
            loader.schedule(this::load, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether one pass over the registry has completed: a stream of images starts only then, or the first images
     * after a restart would find no model served and go unclassified.
     */
    public boolean loaded() {
        return loaded;
    }

    void stop(@Observes ShutdownEvent event) {
        loader.shutdownNow();
    }
}
