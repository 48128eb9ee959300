package io.ocellus.trainer.listener;

import io.ocellus.schema.Topics;
import io.ocellus.trainer.job.JobRecovery;
import io.ocellus.trainer.job.ModelOwnership;
import io.ocellus.trainer.job.TrainingJobs;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Follows which partitions of the training-request topic the consumer group gives this trainer. A partition that
 * arrives brings its models' unfinished jobs with it (resumed from the journal); one that leaves takes them away
 * (released, to stop between two batches) before the group may give it to another trainer, which is why the
 * group uses the cooperative protocol: only the partitions that move are revoked.
 */
@ApplicationScoped
@Identifier(TrainingRequestPartitions.NAME)
public class TrainingRequestPartitions implements KafkaConsumerRebalanceListener {

    static final String NAME = "training-request-partitions";
    /** A released job stops at its next batch; publishing a finished one takes a few seconds more. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(90);
    private static final Logger LOG = Logger.getLogger(TrainingRequestPartitions.class);

    private final ModelOwnership ownership;
    private final TrainingJobs jobs;
    private final JobRecovery recovery;
    private final Set<Integer> held = new HashSet<>();

    public TrainingRequestPartitions(ModelOwnership ownership, TrainingJobs jobs, JobRecovery recovery) {
        this.ownership = ownership;
        this.jobs = jobs;
        this.recovery = recovery;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> added = numbers(partitions);
        int count = partitionCount(consumer);
        synchronized (held) {
            held.addAll(added);
            ownership.hold(held, count);
        }
        int resumed = recovery.onModelsHeld(ownership.namesIn(added, count));
        LOG.infof("training requests: this trainer holds partitions %s of %d (%d unfinished jobs taken up)",
                sorted(), count, resumed);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> removed = numbers(partitions);
        if (removed.isEmpty()) {
            return;
        }
        int count = partitionCount(consumer);
        synchronized (held) {
            held.removeAll(removed);
            ownership.hold(held, count);
        }
        int released = jobs.release(ownership.namesIn(removed, count), RELEASE_WAIT);
        LOG.infof("training requests: partitions %s went to another trainer (%d unfinished jobs handed over); "
                + "this trainer holds %s", removed, released, sorted());
    }

    private Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> p.topic().equals(Topics.TRAINING_REQUESTED))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static int partitionCount(Consumer<?, ?> consumer) {
        return consumer.partitionsFor(Topics.TRAINING_REQUESTED).size();
    }

    private String sorted() {
        synchronized (held) {
            return held.stream().sorted().toList().toString();
        }
    }
}
