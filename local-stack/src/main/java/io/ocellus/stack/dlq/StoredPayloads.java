package io.ocellus.stack.dlq;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackStore;

import java.io.InputStream;

/** The values of dead letters too large to travel inline, read from the local stack's store. */
final class StoredPayloads {

    private final StackLayout layout;
    private MinioClient client;

    StoredPayloads(StackLayout layout) {
        this.layout = layout;
    }

    byte[] fetch(String key) {
        try (InputStream in = client().getObject(GetObjectArgs.builder().bucket(DeadLetter.PAYLOAD_BUCKET)
                .object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new StackException("dlq replay", "cannot read " + DeadLetter.PAYLOAD_BUCKET + "/" + key
                    + " from the store: " + e.getMessage());
        }
    }

    private MinioClient client() {
        if (client == null) {
            client = StackStore.client(layout, "dlq replay");
        }
        return client;
    }
}
