package io.ocellus.commons.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.InvalidEventException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decodes a consumed record into its event and runs the handler until it succeeds or the record is given up:
 * <ul>
 * <li>a payload that breaks its contract, or a permanent failure (undecodable image, missing object, unknown
 * model), goes to the dead-letter topic at once;</li>
 * <li>a transient failure (timeout, overload) is tried again with exponential backoff, a bounded number of times;</li>
 * <li>an unreachable store or broker is waited out, up to the outage patience.</li>
 * </ul>
 * While a record waits, its channel takes no further record, so the connector pauses the partition once its queue
 * is full and commits nothing past it: a record is either handled, or dead-lettered with the number of tries,
 * never dropped. Nothing but shutdown makes this method throw, so no record can stop a consumer.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final EventSerde serde = EventSerde.instance();
    private final DeadLetterPublisher deadLetters;
    private final RetryConfig retry;
    private final InFlightRecords inFlight;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    public IncomingEvents(DeadLetterPublisher deadLetters, RetryConfig retry, InFlightRecords inFlight,
                          MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.inFlight = inFlight;
        this.registry = registry;
    }

    public <T> void handle(ConsumerRecord<String, byte[]> record, Class<T> type, String consumerGroup,
                           Consumer<T> handler) {
        handle(record, type, consumerGroup, handler, (invalid, reason) -> {
        });
    }

    /**
     * As {@link #handle(ConsumerRecord, Class, String, Consumer)}, and after dead-lettering a contract breaker,
     * tells {@code onInvalid} about it with the reason, e.g. to mark the job its key names as failed.
     */
    public <T> void handle(ConsumerRecord<String, byte[]> record, Class<T> type, String consumerGroup,
                           Consumer<T> handler, BiConsumer<ConsumerRecord<String, byte[]>, String> onInvalid) {
        Attempt<Void> attempt = attempt(record, type, consumerGroup, event -> {
            handler.accept(event);
            return null;
        });
        if (attempt instanceof Attempt.Rejected<Void> rejected) {
            deadLetter(record, consumerGroup, rejected);
            if (rejected.invalid()) {
                onInvalid.accept(record, rejected.reason());
            }
        }
    }

    /**
     * Decodes the record and runs {@code handler} under the failure rules above, but leaves a record that is given
     * up to the caller: a stream that publishes its results in a transaction puts the dead letter in the same
     * transaction. Throws only at shutdown.
     */
    public <T, R> Attempt<R> attempt(ConsumerRecord<String, byte[]> record, Class<T> type, String consumerGroup,
                                     Function<T, R> handler) {
        String id = inFlight.start(record, consumerGroup);
        try {
            T event;
            try {
                event = serde.deserialize(record.value() == null ? new byte[0] : record.value(), type);
            } catch (InvalidEventException e) {
                return new Attempt.Rejected<>(e, "invalid " + type.getSimpleName() + ": " + e.getMessage(), 1, true);
            }
            return process(id, record, event, handler);
        } finally {
            inFlight.finish(id);
        }
    }

    private <T, R> Attempt<R> process(String id, ConsumerRecord<String, byte[]> record, T event,
                                      Function<T, R> handler) {
        RetrySchedule schedule = new RetrySchedule(retry, System.nanoTime());
        while (true) {
            try {
                return new Attempt.Done<>(handler.apply(event));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                FailureKind kind = Failures.classify(e);
                Optional<Duration> wait = schedule.afterFailure(kind, System.nanoTime());
                if (wait.isEmpty()) {
                    return new Attempt.Rejected<>(e, reason(kind, schedule.attempts(), e), schedule.attempts(),
                            false);
                }
                registry.counter("ocellus.consumer.retries", "topic", record.topic(), "kind",
                        kind.name().toLowerCase()).increment();
                inFlight.failed(id, kind.name().toLowerCase() + ": " + e.getMessage());
                LOG.warnf("%s-%d@%d (key %s) failed (%s, try %d), trying again in %d ms: %s", record.topic(),
                        record.partition(), record.offset(), record.key(), kind.name().toLowerCase(),
                        schedule.attempts(), wait.get().toMillis(), e.getMessage());
                pause(wait.get());
            }
        }
    }

    /** Puts the record on the dead-letter topic, waiting for the broker for as long as it takes. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String consumerGroup, Attempt.Rejected<?> rejected) {
        String id = inFlight.start(record, consumerGroup);
        try {
            deadLetter(id, record, consumerGroup, rejected.error(), rejected.reason(), rejected.attempts());
        } finally {
            inFlight.finish(id);
        }
    }

    private void deadLetter(String id, ConsumerRecord<String, byte[]> record, String consumerGroup, Throwable error,
                            String reason, int attempts) {
        RetrySchedule schedule = new RetrySchedule(retry, System.nanoTime());
        while (true) {
            try {
                deadLetters.publish(record, consumerGroup, error, reason, attempts);
                return;
            } catch (RuntimeException e) {
                schedule.afterFailure(FailureKind.TRANSIENT, System.nanoTime());
                Duration wait = schedule.backoff();
                inFlight.failed(id, "cannot dead-letter: " + e.getMessage());
                LOG.errorf("%s-%d@%d cannot be dead-lettered yet (try %d), trying again in %d ms: %s",
                        record.topic(), record.partition(), record.offset(), schedule.attempts(), wait.toMillis(),
                        e.getMessage());
                pause(wait);
            }
        }
    }

    private static String reason(FailureKind kind, int attempts, Throwable e) {
        String what = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        return switch (kind) {
            case PERMANENT -> "processing failed: " + what;
            case TRANSIENT -> "processing failed " + attempts + " times, last: " + what;
            case UNAVAILABLE -> "a dependency stayed unreachable through " + attempts + " tries: " + what;
        };
    }

    /** Waits before the next try; at shutdown leaves the record uncommitted so it is redelivered. */
    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            if (stopping) {
                throw new ConsumerStoppingException();
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsumerStoppingException();
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The service is shutting down while a record waits for a retry; it stays uncommitted and comes again. */
    public static final class ConsumerStoppingException extends RuntimeException {
        public ConsumerStoppingException() {
            super("shutting down: the record is left uncommitted and will be delivered again");
        }
    }
}
