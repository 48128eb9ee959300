package io.ocellus.commons.messaging.stream;

import io.ocellus.commons.messaging.Attempt;
import io.ocellus.commons.messaging.DeadLetterPublisher;
import io.ocellus.commons.messaging.IncomingEvents;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.EventType;
import io.ocellus.schema.events.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a stream does with one record: its event to the service's handler under the failure rules of
 * {@link IncomingEvents}, and the outcome as the records to publish: the results, each with its identity when the
 * stream keeps results once, or the dead letter.
 */
final class RecordHandling<T> {

    private final Class<T> type;
    private final String consumerGroup;
    private final Function<T, CompletionStage<List<Outgoing>>> handler;
    private final RecentResults<?> recent;
    private final IncomingEvents incoming;
    private final DeadLetterPublisher deadLetters;
    private final EventSerde serde = EventSerde.instance();

    RecordHandling(Class<T> type, String consumerGroup, Function<T, CompletionStage<List<Outgoing>>> handler,
                   RecentResults<?> recent, IncomingEvents incoming, DeadLetterPublisher deadLetters) {
        this.type = type;
        this.consumerGroup = consumerGroup;
        this.handler = handler;
        this.recent = recent;
        this.incoming = incoming;
        this.deadLetters = deadLetters;
    }

    /** One record started: its results to come, or, when it was given up at once, its dead letter. */
    record Started(ConsumerRecord<String, byte[]> record, CompletableFuture<List<Outgoing>> results,
                   Handled handled) {
    }

    /** One record handled: what it publishes, and the failure that dead-lettered it, if it was. */
    record Handled(ConsumerRecord<String, byte[]> record, List<Out> out, Throwable deadLettered) {
    }

    /** One record to publish, with its result identity when the stream keeps results once. */
    record Out(ProducerRecord<String, byte[]> record, String identity) {
    }

    /** Starts handling one record under the failure rules; a record given up has its dead letter already. */
    Started start(ConsumerRecord<String, byte[]> record) {
        Attempt<CompletionStage<List<Outgoing>>> attempt = incoming.attempt(record, type, consumerGroup, handler);
        if (attempt instanceof Attempt.Done<CompletionStage<List<Outgoing>>> done) {
            return new Started(record, done.result().toCompletableFuture(), null);
        }
        return new Started(record, null, deadLettered(record, (Attempt.Rejected<?>) attempt));
    }

    /** Handles the record from the start, waiting for each try: for a record whose asynchronous part failed. */
    Handled handleWaiting(ConsumerRecord<String, byte[]> record) {
        Attempt<List<Outgoing>> attempt = incoming.attempt(record, type, consumerGroup,
                event -> join(handler.apply(event)));
        if (attempt instanceof Attempt.Done<List<Outgoing>> done) {
            return handled(record, done.result());
        }
        return deadLettered(record, (Attempt.Rejected<?>) attempt);
    }

    Handled handled(ConsumerRecord<String, byte[]> record, List<Outgoing> results) {
        List<Out> out = new ArrayList<>(results.size());
        for (Outgoing outgoing : results) {
            out.add(new Out(new ProducerRecord<>(EventType.of(outgoing.event().getClass()).topic(), outgoing.key(),
                    serde.serialize(outgoing.event())), recent == null ? null : recent.identityOf(outgoing.event())));
        }
        return new Handled(record, out, null);
    }

    private Handled deadLettered(ConsumerRecord<String, byte[]> record, Attempt.Rejected<?> rejected) {
        DeadLetter letter = deadLetters.letter(record, consumerGroup, rejected.error(), rejected.reason(),
                rejected.attempts());
        return new Handled(record, List.of(new Out(new ProducerRecord<>(EventType.of(DeadLetter.class).topic(),
                record.key(), serde.serialize(letter)), null)), rejected.error());
    }

    /** The stage's value, or its failure's own exception rather than a wrapper, so that it is classified right. */
    private static <V> V join(CompletionStage<V> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
