package io.ocellus.commons.messaging;

import io.ocellus.commons.storage.ObjectStoreException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void anUnreachableStoreOrBrokerIsWaitedFor() {
        assertThat(Failures.classify(new ObjectStoreException("store down", new ConnectException("refused"))))
                .isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(Failures.classify(new EventPublishException("no ack",
                new org.apache.kafka.common.errors.TimeoutException("expired")))).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(Failures.classify(new IllegalStateException("wrapped",
                new UncheckedIOException(new ConnectException("refused"))))).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void timeoutsOverloadAndRetriableBrokerErrorsAreTransient() {
        assertThat(Failures.classify(new RuntimeException(new SocketTimeoutException("read timed out"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(Failures.classify(new RejectedExecutionException("queue full"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(Failures.classify(new RuntimeException(new NotEnoughReplicasException("isr"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(Failures.classify(new OutOfMemoryError("Java heap space"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void theRecordsOwnFaultsArePermanent() {
        assertThat(Failures.classify(new IllegalArgumentException("not an image"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(Failures.classify(new ObjectStoreException("no such key", null, FailureKind.PERMANENT)))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(Failures.classify(new EventPublishException("too large", new RecordTooLargeException("big"))))
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void theOutermostDeclaredKindWins() {
        RuntimeException declaredPermanent = new ObjectStoreException("no such key",
                new ConnectException("an inner cause that would say otherwise"), FailureKind.PERMANENT);

        assertThat(Failures.classify(new RuntimeException("handler failed", declaredPermanent)))
                .isEqualTo(FailureKind.PERMANENT);
    }
}
