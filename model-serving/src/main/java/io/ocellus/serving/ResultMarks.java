package io.ocellus.serving;

import io.ocellus.commons.messaging.FailureKind;
import io.ocellus.commons.messaging.RetryConfig;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.commons.storage.ObjectStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The marks that say a streamed image's result was announced, so that a redelivered image is not announced again.
 * A mark is written only after its result is acknowledged, and then it must be written: were the store away and
 * the whole record tried again, the result would be announced twice. So writing a mark waits out a store outage
 * (up to the outage patience) instead of failing the record.
 */
@ApplicationScoped
public class ResultMarks {

    private static final Logger LOG = Logger.getLogger(ResultMarks.class);
    private static final long MAX_WAIT_MILLIS = 5_000;

    private final ObjectStore store;
    private final RetryConfig retry;

    public ResultMarks(ObjectStore store, RetryConfig retry) {
        this.store = store;
        this.retry = retry;
    }

    public boolean exists(String bucket, String key) {
        return store.exists(bucket, key);
    }

    /** Writes the mark, trying again while the store cannot be reached or is slow. */
    public void record(String bucket, String key) {
        long deadline = System.nanoTime() + retry.outagePatience().toNanos();
        long wait = retry.initialBackoff().toMillis();
        while (true) {
            try {
                store.put(bucket, key, new byte[0], "application/octet-stream");
                return;
            } catch (ObjectStoreException e) {
                if (e.failureKind() == FailureKind.PERMANENT || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("result announced, its mark %s not written yet, trying again in %d ms: %s", key, wait,
                        e.getMessage());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = Math.min(MAX_WAIT_MILLIS, wait * 2);
            }
        }
    }
}
