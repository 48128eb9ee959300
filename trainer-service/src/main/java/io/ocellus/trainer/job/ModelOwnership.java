package io.ocellus.trainer.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which models this trainer may train and publish now. Training requests are keyed by model name, so all the
 * requests for one model share a partition of the request topic, and the consumer group gives each partition to one
 * trainer at a time: holding a model's partition is holding the right to run its jobs and write its registry entry.
 * Several trainers therefore never publish versions of one model at once, and its versions stay consecutive.
 * Until the group has assigned anything this trainer is alone, and holds every model.
 */
@ApplicationScoped
public class ModelOwnership {

    private volatile Set<Integer> held;
    private volatile int partitions;

    /** Records the request-topic partitions this trainer holds now, out of {@code count}. */
    public void hold(Set<Integer> partitionsHeld, int count) {
        partitions = count;
        held = Set.copyOf(partitionsHeld);
    }

    /** Whether this trainer may run and publish jobs of {@code modelName}. */
    public boolean owns(String modelName) {
        Set<Integer> now = held;
        return now == null || now.contains(partitionOf(modelName, partitions));
    }

    /** The model names that fall in {@code partitionsOfInterest}, as a test on a name. */
    public Predicate<String> namesIn(Set<Integer> partitionsOfInterest, int count) {
        return name -> partitionsOfInterest.contains(partitionOf(name, count));
    }

    /** The partition Kafka's default partitioner gives a record keyed by {@code modelName}. */
    static int partitionOf(String modelName, int count) {
        if (count <= 0) {
            return 0;
        }
        return Utils.toPositive(Utils.murmur2(modelName.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
