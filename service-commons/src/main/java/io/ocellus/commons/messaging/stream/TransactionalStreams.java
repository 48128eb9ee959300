package io.ocellus.commons.messaging.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.commons.messaging.DeadLetterPublisher;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.commons.messaging.KafkaSecurity;
import io.ocellus.commons.messaging.RetryConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Starts a service's exactly-once streams ({@link TransactionalStream}) and stops them at shutdown. Each stream's
 * transactional id names its group and this instance ({@code ocellus.messaging.instance}, by default host and
 * HTTP port), so a restarted instance takes over, and fences, the transactions of the one it replaces.
 */
@ApplicationScoped
public class TransactionalStreams {

    private final String bootstrapServers;
    private final String instance;
    private final Duration transactionTimeout;
    private final KafkaSecurity security;
    private final IncomingEvents incoming;
    private final DeadLetterPublisher deadLetters;
    private final RetryConfig retry;
    private final MeterRegistry registry;
    private final List<Running> streams = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    public TransactionalStreams(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                @ConfigProperty(name = "ocellus.messaging.instance") Optional<String> instance,
                                @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
                                @ConfigProperty(name = "ocellus.messaging.transaction-timeout",
                                        defaultValue = "20s") Duration transactionTimeout,
                                KafkaSecurity security, IncomingEvents incoming, DeadLetterPublisher deadLetters,
                                RetryConfig retry, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.instance = instance.orElseGet(() -> hostName() + "-" + httpPort);
        this.transactionTimeout = transactionTimeout;
        this.security = security;
        this.incoming = incoming;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.registry = registry;
    }

    /**
     * Starts consuming {@code binding}'s topic once {@code ready} holds; each record's event goes to {@code handler},
     * whose results are published exactly once, and once per identity when {@code recent} (may be null) follows them.
     */
    public <T> void start(StreamBinding binding, Class<T> type, Function<T, List<Outgoing>> handler,
                          BooleanSupplier ready, RecentResults<?> recent) {
        startAsync(binding, type, event -> CompletableFuture.completedFuture(handler.apply(event)), ready, recent);
    }

    /**
     * As {@link #start(StreamBinding, Class, Function, BooleanSupplier, RecentResults)} for a handler that returns
     * once its work is queued (images submitted to a model's batcher), so that a few workers keep a whole poll's
     * records in flight: the stream waits for the results before it commits.
     */
    public <T> void startAsync(StreamBinding binding, Class<T> type,
                               Function<T, CompletionStage<List<Outgoing>>> handler, BooleanSupplier ready,
                               RecentResults<?> recent) {
        String transactionalId = binding.consumerGroup() + "-" + instance;
        ResultsReader reader = new ResultsReader(() -> new KafkaConsumer<>(security.with(readerConfig(transactionalId)),
                new StringDeserializer(), new ByteArrayDeserializer()));
        TransactionalStream<T> stream = new TransactionalStream<>(binding, type, handler, ready, recent, reader,
                new KafkaConsumer<>(security.with(consumerConfig(binding, transactionalId)),
                        new StringDeserializer(), new ByteArrayDeserializer()),
                new TransactionalProducer(security.with(producerConfig(transactionalId))),
                workers(binding), incoming, deadLetters, new Backoff(retry.initialBackoff(), retry.maxBackoff()),
                registry);
        Thread thread = new Thread(stream, "stream-" + binding.consumerGroup());
        streams.add(new Running(stream, thread));
        thread.start();
    }

    /**
     * Why streams are stuck: each one that has committed nothing for longer than {@code patience} while failing
     * (the broker away, its login refused), or whose thread has ended.
     */
    public List<String> stalled(Duration patience) {
        List<String> stalled = new ArrayList<>();
        for (Running running : streams) {
            if (!running.thread().isAlive() && !stopping) {
                stalled.add(running.thread().getName() + " has stopped");
            } else {
                running.stream().stalled(patience).ifPresent(stalled::add);
            }
        }
        return stalled;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        streams.forEach(running -> running.stream().stop());
        for (Running running : streams) {
            try {
                running.thread().join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Map<String, Object> consumerConfig(StreamBinding binding, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, binding.consumerGroup());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a group that starts late still sees every event published before it joined
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // only committed results of other streams, and committed offsets only once stable
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a poll returns as soon as anything has arrived: at a light rate a record is handled at once, and under
        // load the records that arrived during the last batch come together as the next one
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, binding.maxPollRecords());
        return config;
    }

    private Map<String, Object> readerConfig(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId + "-results");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private Map<String, Object> producerConfig(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // a transaction lives for one batch's publish and commit: a holder that died with one open blocks readers
        // of its partitions (read_committed) for at most this long, unless its successor fences it sooner
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 7_500);
        return config;
    }

    private static ExecutorService workers(StreamBinding binding) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(binding.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "stream-" + binding.consumerGroup() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private record Running(TransactionalStream<?> stream, Thread thread) {
    }
}
