package io.ocellus.stack;

import io.minio.MinioClient;

/** A client of the running local stack's object store, for the commands that read it directly. */
public final class StackStore {

    private StackStore() {
    }

    /**
     * A client of the store the stack in {@code layout} runs.
     *
     * @throws StackException naming {@code command} when no stack with a store is running there
     */
    public static MinioClient client(StackLayout layout, String command) {
        String endpoint = StackState.read(layout).flatMap(s -> s.component(StackComponents.S3))
                .map(StackState.Component::url)
                .orElseThrow(() -> new StackException(command, "no running stack with a store in "
                        + layout.display(layout.stateDir())));
        S3Credentials credentials = S3Credentials.loadOrCreate(layout);
        return MinioClient.builder().endpoint(endpoint).credentials(credentials.accessKey(), credentials.secretKey())
                .build();
    }
}
