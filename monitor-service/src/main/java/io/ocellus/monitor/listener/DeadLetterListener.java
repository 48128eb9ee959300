package io.ocellus.monitor.listener;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.monitor.domain.PipelineMetrics;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Counts the dead letters by where they came from. A record here that is not a dead letter is counted as unreadable
 * and logged, never dead-lettered again: that would feed this very topic.
 */
@ApplicationScoped
public class DeadLetterListener {

    private static final Logger LOG = Logger.getLogger(DeadLetterListener.class);

    private final PipelineMetrics metrics;

    public DeadLetterListener(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Incoming(Channels.MONITOR_DEAD_LETTERS)
    @Blocking
    public void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        DeadLetter letter;
        try {
            letter = EventSerde.instance().deserialize(record.value() == null ? new byte[0] : record.value(),
                    DeadLetter.class);
        } catch (InvalidEventException e) {
            LOG.warnf("%s-%d@%d is not a dead letter: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            metrics.recordUnreadableDeadLetter();
            return;
        }
        metrics.recordEvent(Topics.DEAD_LETTERS);
        metrics.recordDeadLetter(letter);
    }
}
