package io.ocellus.trainer.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.schema.events.TrainingRequested;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Records every valid training request that reaches the trainer, per architecture. */
@ApplicationScoped
public class TrainingRequestLog {

    private static final Logger LOG = Logger.getLogger(TrainingRequestLog.class);

    private final MeterRegistry registry;

    public TrainingRequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(TrainingRequested request) {
        registry.counter("ocellus.training.requests.received",
                "architecture", request.architecture().name().toLowerCase()).increment();
        LOG.infof("training request %s received: %s on data set %s, %d epochs", request.jobId(),
                request.architecture(), request.dataset(), request.hyperParameters().epochs());
    }
}
