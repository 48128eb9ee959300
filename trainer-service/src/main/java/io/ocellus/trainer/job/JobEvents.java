package io.ocellus.trainer.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.training.EpochMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the world how a job is doing: a {@code TrainingProgress} event on every status change and after every
 * epoch, and one JSON log line per epoch that log tools can parse.
 */
@ApplicationScoped
public class JobEvents {

    private static final Logger LOG = Logger.getLogger(JobEvents.class);

    private final EventPublisher publisher;
    private final ObjectMapper json;

    public JobEvents(EventPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    public void status(String jobId, TrainingStatus status, String reason) {
        LOG.infof("job %s %s%s", jobId, status.value(), reason == null ? "" : ": " + reason);
        publisher.publish(jobId, TrainingProgress.status(jobId, status, reason, Instant.now()));
    }

    /** A status with the metrics of the epoch the job ends on (for terminal states after training). */
    public void status(String jobId, TrainingStatus status, String reason, EpochMetrics last, int totalEpochs) {
        if (last == null) {
            status(jobId, status, reason);
            return;
        }
        LOG.infof("job %s %s%s", jobId, status.value(), reason == null ? "" : ": " + reason);
        publisher.publish(jobId, progress(jobId, status, reason, last, totalEpochs));
    }

    public void epoch(String jobId, EpochMetrics metrics, int totalEpochs) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "epoch");
        line.put("jobId", jobId);
        line.put("epoch", metrics.epoch());
        line.put("epochs", totalEpochs);
        line.put("trainLoss", metrics.trainLoss());
        line.put("trainAccuracy", metrics.trainAccuracy());
        line.put("valLoss", metrics.valLoss());
        line.put("valAccuracy", metrics.valAccuracy());
        line.put("valRank5", metrics.valRank5());
        line.put("learningRate", metrics.learningRate());
        line.put("imagesPerSecond", metrics.imagesPerSecond());
        line.put("seconds", metrics.seconds());
        if (metrics.phase() != null) {
            line.put("phase", metrics.phase());
        }
        try {
            LOG.info(json.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf("epoch %d of job %s: %s", metrics.epoch(), jobId, line);
        }
        publisher.publish(jobId, progress(jobId, TrainingStatus.RUNNING, null, metrics, totalEpochs)
                .withPhase(metrics.phase()));
    }

    private static TrainingProgress progress(String jobId, TrainingStatus status, String reason, EpochMetrics m,
                                             int totalEpochs) {
        return TrainingProgress.of(jobId, status, m.epoch(), totalEpochs, m.trainLoss(), m.valLoss(),
                m.trainAccuracy(), m.valAccuracy(), m.valRank5(), m.learningRate(), m.imagesPerSecond(), reason,
                Instant.now());
    }
}
