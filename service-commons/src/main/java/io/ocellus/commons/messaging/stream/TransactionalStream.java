package io.ocellus.commons.messaging.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.messaging.DeadLetterPublisher;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.commons.messaging.stream.RecordHandling.Handled;
import io.ocellus.commons.messaging.stream.RecordHandling.Out;
import io.ocellus.commons.messaging.stream.RecordHandling.Started;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Consumes one topic exactly once. Each poll's records are handled concurrently (so that, say, their images share
 * the model's batches), each under the failure rules of {@link IncomingEvents}; then their results, the dead letters
 * of the records given up, and the offsets past all of them are committed in one Kafka transaction. A crash, a
 * broker outage or a lost partition before that commit leaves neither results nor offsets behind, and the records
 * are handled again: one effect per record, with no store call to remember what was done.
 *
 * <p>Polls take whatever has arrived: one record at a light rate, as soon as it is there, and hundreds under a
 * burst, which the next transaction then carries at once. While a poll's records are handled, the consumer's
 * partitions are paused and it keeps polling, so a long wait for a dependency does not cost its group membership.
 */
final class TransactionalStream<T> implements Runnable {

    private static final Logger LOG = Logger.getLogger(TransactionalStream.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long KEEP_ALIVE_MILLIS = 200;
    /** How long the offsets of records that published nothing may wait for the next transaction. */
    private static final long QUIET_COMMIT_NANOS = 1_000_000_000L;

    private final StreamBinding binding;
    private final BooleanSupplier ready;
    private final RecentResults<?> recent;
    private final ResultsReader reader;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TransactionalProducer producer;
    private final ExecutorService workers;
    private final RecordHandling<T> records;
    private final DeadLetterPublisher deadLetters;
    private final Backoff backoff;
    private final DistributionSummary batchSizes;
    private final Counter committed;
    private final Counter abandoned;
    private final Counter repeated;
    /** Partitions taken away while a batch was in hand: its results for them are dropped, never committed. */
    private final Set<TopicPartition> revoked = new HashSet<>();
    /**
     * Offsets past records that published nothing (images another service handles): handling them again after a
     * crash has no effect, so they ride with the next transaction, or go alone once a second old, rather than
     * costing a transaction each poll.
     */
    private final Map<TopicPartition, OffsetAndMetadata> quiet = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();
    private boolean inBatch;
    private volatile boolean running = true;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    TransactionalStream(StreamBinding binding, Class<T> type, Function<T, CompletionStage<List<Outgoing>>> handler,
                        BooleanSupplier ready, RecentResults<?> recent, ResultsReader reader,
                        KafkaConsumer<String, byte[]> consumer, TransactionalProducer producer,
                        ExecutorService workers, IncomingEvents incoming, DeadLetterPublisher deadLetters,
                        Backoff backoff, MeterRegistry registry) {
        this.binding = binding;
        this.records = new RecordHandling<>(type, binding.consumerGroup(), handler, recent, incoming, deadLetters);
        this.ready = ready;
        this.recent = recent;
        this.reader = reader;
        this.consumer = consumer;
        this.producer = producer;
        this.workers = workers;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.batchSizes = DistributionSummary.builder("ocellus.stream.batch.records")
                .description("records handled together and committed in one transaction")
                .tag("group", binding.consumerGroup()).tag("topic", binding.topic())
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512).register(registry);
        this.committed = registry.counter("ocellus.stream.transactions", "group", binding.consumerGroup(),
                "outcome", "committed");
        this.abandoned = registry.counter("ocellus.stream.transactions", "group", binding.consumerGroup(),
                "outcome", "abandoned");
        this.repeated = registry.counter("ocellus.stream.results.repeated", "group", binding.consumerGroup());
    }

    @Override
    public void run() {
        try {
            awaitStart();
            consumer.subscribe(List.of(binding.topic()), new Rebalance());
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
                    if (!polled.isEmpty()) {
                        handle(polled);
                    } else if (!quiet.isEmpty()) {
                        commitQuiet();
                    }
                } catch (WakeupException | IncomingEvents.ConsumerStoppingException e) {
                    if (running) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    // a consumer error (a refused login, say) must not end the stream: it is reported and retried
                    failing(e);
                    LOG.errorf(e, "%s cannot consume %s", binding.consumerGroup(), binding.topic());
                    Thread.sleep(backoff.next().toMillis());
                }
            }
        } catch (WakeupException | IncomingEvents.ConsumerStoppingException | InterruptedException e) {
            if (running) {
                failing(e);
                LOG.errorf(e, "stream of %s on %s stopped unexpectedly", binding.consumerGroup(), binding.topic());
            }
        } catch (RuntimeException e) {
            failing(e);
            LOG.errorf(e, "stream of %s on %s stopped", binding.consumerGroup(), binding.topic());
        } finally {
            closeQuietly();
        }
    }

    /** Notes the first of a run of failures; the next commit ends the run. */
    private void failing(Throwable e) {
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        lastFailure = e.toString();
    }

    /** Why the stream is not making progress, if it has failed to commit for longer than {@code patience}. */
    Optional<String> stalled(Duration patience) {
        Instant since = failingSince;
        if (since == null || Duration.between(since, Instant.now()).compareTo(patience) < 0) {
            return Optional.empty();
        }
        return Optional.of(binding.consumerGroup() + " on " + binding.topic() + " has committed nothing since "
                + since + ": " + lastFailure);
    }

    /**
     * Waits until the service can handle records (its models are loaded) and the transactional id is registered:
     * registering ends a transaction a crashed predecessor left open, after which the group's offsets are stable.
     */
    private void awaitStart() throws InterruptedException {
        while (running && !ready.getAsBoolean()) {
            Thread.sleep(POLL.toMillis());
        }
        while (running) {
            try {
                producer.open();
                if (recent != null) {
                    reader.readBack(recent);
                }
                backoff.reset();
                failingSince = null;
                return;
            } catch (RuntimeException e) {
                failing(e);
                Duration wait = backoff.next();
                LOG.warnf("%s cannot register its transactions with the broker yet, trying again in %d ms: %s",
                        binding.consumerGroup(), wait.toMillis(), e.getMessage());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private void handle(ConsumerRecords<String, byte[]> polled) throws InterruptedException {
        revoked.clear();
        inBatch = true;
        consumer.pause(consumer.assignment());
        try {
            // every record is started before any result is awaited: the workers fetch and prepare while the
            // model's batcher already runs what they queued, so a poll's images share its batches
            List<Future<Started>> started = new ArrayList<>(polled.count());
            for (ConsumerRecord<String, byte[]> record : polled) {
                started.add(workers.submit(() -> records.start(record)));
            }
            List<Handled> handled = new ArrayList<>(started.size());
            for (Future<Started> future : started) {
                handled.add(finish(await(future)));
            }
            batchSizes.record(handled.size());
            commit(handled);
            backoff.reset();
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof IncomingEvents.ConsumerStoppingException stopping) {
                throw stopping;
            }
            if (cause instanceof WakeupException wakeup && !running) {
                throw wakeup;
            }
            failing(cause);
            abandoned.increment();
            recover(polled.partitions(), cause);
        } finally {
            inBatch = false;
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Waits for a started record's results. One whose asynchronous part failed (a model run, say) is handled again
     * from the start under the failure rules, waiting for each try, so it is retried, dead-lettered or waited out
     * like any other failure.
     */
    private Handled finish(Started started) throws InterruptedException, ExecutionException {
        if (started.handled() != null) {
            return started.handled();
        }
        try {
            return records.handled(started.record(), await(started.results()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IncomingEvents.ConsumerStoppingException stopping) {
                throw stopping;
            }
            LOG.debugf("%s-%d@%d failed after it was started (%s); handling it again", started.record().topic(),
                    started.record().partition(), started.record().offset(), e.getCause());
            return await(workers.submit(() -> records.handleWaiting(started.record())));
        }
    }

    /** Waits for a record's handling, polling meanwhile (partitions paused) so the group keeps the consumer. */
    private <V> V await(Future<V> future) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return future.get(KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!running) {
                    throw new IncomingEvents.ConsumerStoppingException();
                }
                consumer.poll(Duration.ZERO);
            }
        }
    }

    /**
     * Commits the results and the offsets past every record, leaving out partitions lost meanwhile and results
     * published before (the same image announced twice, in this batch or earlier).
     */
    private void commit(List<Handled> handled) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        Set<String> identities = new HashSet<>();
        for (Handled one : handled) {
            TopicPartition partition = new TopicPartition(one.record().topic(), one.record().partition());
            if (revoked.contains(partition)) {
                continue;
            }
            for (Out result : one.out()) {
                if (result.identity() == null) {
                    out.add(result.record());
                } else if (!recent.contains(result.identity()) && identities.add(result.identity())) {
                    out.add(result.record());
                } else {
                    repeated.increment();
                }
            }
            offsets.merge(partition, new OffsetAndMetadata(one.record().offset() + 1), TransactionalStream::later);
        }
        if (offsets.isEmpty()) {
            return;
        }
        offsets.forEach((partition, offset) -> quiet.merge(partition, offset, TransactionalStream::later));
        if (out.isEmpty() && System.nanoTime() - lastCommitNanos < QUIET_COMMIT_NANOS) {
            return;
        }
        producer.commit(out, Map.copyOf(quiet), consumer.groupMetadata());
        quiet.clear();
        lastCommitNanos = System.nanoTime();
        committed.increment();
        failingSince = null;
        for (String identity : identities) {
            recent.add(identity);
        }
        for (Handled one : handled) {
            if (one.deadLettered() != null && !revoked.contains(new TopicPartition(one.record().topic(),
                    one.record().partition()))) {
                deadLetters.published(one.record(), one.deadLettered());
            }
        }
    }

    /** Commits the waiting offsets of records that published nothing, once they are a second old. */
    private void commitQuiet() throws InterruptedException {
        if (System.nanoTime() - lastCommitNanos < QUIET_COMMIT_NANOS) {
            return;
        }
        Set<TopicPartition> partitions = Set.copyOf(quiet.keySet());
        try {
            producer.commit(List.of(), Map.copyOf(quiet), consumer.groupMetadata());
            quiet.clear();
            lastCommitNanos = System.nanoTime();
            committed.increment();
            failingSince = null;
        } catch (RuntimeException e) {
            failing(e);
            abandoned.increment();
            recover(partitions, e);
        }
    }

    private static OffsetAndMetadata later(OffsetAndMetadata a, OffsetAndMetadata b) {
        return a.offset() >= b.offset() ? a : b;
    }

    /**
     * After a batch failed to commit (the broker went away, the producer was fenced, a dead letter could not be
     * stored): drops the producer, registers a new one, and moves the consumer back to the committed offsets, so
     * the batch is handled again from where the last committed transaction left off.
     */
    private void recover(Set<TopicPartition> partitions, Throwable cause) throws InterruptedException {
        LOG.warnf("%s: a batch on %s was not committed and will be handled again: %s", binding.consumerGroup(),
                binding.topic(), cause.toString());
        producer.discard();
        // the records behind these offsets come again from the committed position
        quiet.keySet().removeAll(partitions);
        while (running) {
            try {
                producer.open();
                rewind(partitions);
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                failing(e);
                Duration wait = backoff.next();
                LOG.warnf("%s cannot resume on %s yet, trying again in %d ms: %s", binding.consumerGroup(),
                        binding.topic(), wait.toMillis(), e.getMessage());
                producer.discard();
                Thread.sleep(wait.toMillis());
                consumer.poll(Duration.ZERO);
            }
        }
    }

    private void rewind(Set<TopicPartition> partitions) {
        Set<TopicPartition> owned = new HashSet<>(partitions);
        owned.retainAll(consumer.assignment());
        if (owned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(owned, Duration.ofSeconds(10));
        for (TopicPartition partition : owned) {
            OffsetAndMetadata offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
    }

    /** Ends the loop; the batch in hand is not committed and comes again to whoever holds its partitions next. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void closeQuietly() {
        workers.shutdownNow();
        try {
            producer.close();
        } catch (RuntimeException e) {
            LOG.debugf("closing the producer of %s: %s", binding.consumerGroup(), e.getMessage());
        }
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("closing the consumer of %s: %s", binding.consumerGroup(), e.getMessage());
        }
    }

    /** Pauses partitions the group hands over mid-batch, and forgets the batch's results for those it takes away. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // their next holder handles those records again, to no effect: they published nothing
            quiet.keySet().removeAll(partitions);
            if (inBatch) {
                revoked.addAll(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (inBatch) {
                consumer.pause(partitions);
            }
        }
    }

}
