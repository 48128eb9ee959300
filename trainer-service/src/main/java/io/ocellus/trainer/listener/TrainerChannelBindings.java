package io.ocellus.trainer.listener;

import io.ocellus.commons.messaging.ChannelBinding;
import io.ocellus.commons.messaging.ChannelBindingsConfigSource;
import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

import java.util.List;

/** The topics trainer-service consumes, in its own consumer group. */
public class TrainerChannelBindings extends ChannelBindingsConfigSource {

    public TrainerChannelBindings() {
        super(List.of(
                new ChannelBinding(Channels.TRAINER_TRAINING_REQUESTED, Topics.TRAINING_REQUESTED,
                        ConsumerGroups.TRAINER),
                new ChannelBinding(Channels.TRAINER_TRAINING_CANCELS, Topics.TRAINING_CANCELS, ConsumerGroups.TRAINER)));
        // several trainers share the requests: holding a partition is holding its models (ModelOwnership), so a
        // rebalance moves only the partitions that change hands, and tells this trainer which ones did
        set(Channels.TRAINER_TRAINING_REQUESTED, "partition.assignment.strategy",
                CooperativeStickyAssignor.class.getName());
        set(Channels.TRAINER_TRAINING_REQUESTED, "consumer-rebalance-listener.name", TrainingRequestPartitions.NAME);
    }
}
