package io.ocellus.commons.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.ocellus.commons.messaging.FailureKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Object-store operations Ocellus services use, with MinIO's checked exceptions turned into one runtime type. */
@ApplicationScoped
public class ObjectStore {

    private final MinioClient client;

    public ObjectStore(MinioClient client) {
        this.client = client;
    }

    public void ensureBucket(String bucket) {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public boolean bucketExists(String bucket) {
        return call("check bucket " + bucket,
                () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    public void put(String bucket, String key, byte[] bytes, String contentType) {
        put(bucket, key, bytes, contentType, Map.of());
    }

    /** Stores an object with user metadata ({@code x-amz-meta-*}), which {@link #stat} gives back. */
    public void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        call("put " + bucket + "/" + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key).contentType(contentType).userMetadata(metadata)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .build()));
    }

    /** Every object key under {@code prefix}, at any depth, in the store's (lexicographic) order. */
    public List<String> listKeys(String bucket, String prefix) {
        return call("list " + bucket + "/" + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(result.get().objectName());
            }
            return keys;
        });
    }

    /** A stored object's key and when it was last written. */
    public record StoredObject(String key, java.time.Instant lastModified) {
    }

    /** Every object under {@code prefix}, at any depth, with when it was last written. */
    public List<StoredObject> listObjects(String bucket, String prefix) {
        return call("list " + bucket + "/" + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                Item item = result.get();
                if (item.isDir()) {
                    continue;
                }
                // some stores leave the time out of a listing: ask for the object's own
                java.time.ZonedDateTime modified = item.lastModified() != null ? item.lastModified()
                        : client.statObject(StatObjectArgs.builder().bucket(bucket).object(item.objectName())
                        .build()).lastModified();
                objects.add(new StoredObject(item.objectName(), modified.toInstant()));
            }
            return objects;
        });
    }

    /** The next path segments directly below {@code prefix} (like the folders of a directory), without slashes. */
    public List<String> listChildren(String bucket, String prefix) {
        return call("list " + bucket + "/" + prefix, () -> {
            List<String> children = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .delimiter("/").build())) {
                String name = result.get().objectName().substring(prefix.length());
                children.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
            return children;
        });
    }

    /** Opens an object for streaming; the caller closes the stream. */
    public InputStream open(String bucket, String key) {
        return call("get " + bucket + "/" + key,
                () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    public byte[] get(String bucket, String key) {
        return call("get " + bucket + "/" + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** Metadata of an object, or empty when there is no such object. */
    public Optional<StatObjectResponse> stat(String bucket, String key) {
        return call("stat " + bucket + "/" + key, () -> {
            try {
                return Optional.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()));
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Removes the object; removing one that is not there is not an error. */
    public void delete(String bucket, String key) {
        call("delete " + bucket + "/" + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    public boolean exists(String bucket, String key) {
        return stat(bucket, key).isPresent();
    }

    private static final Set<String> PERMANENT_CODES = Set.of("NoSuchKey", "NoSuchBucket", "InvalidBucketName",
            "InvalidObjectName", "KeyTooLongError", "AccessDenied", "InvalidArgument", "EntityTooLarge");

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, StoreCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw new ObjectStoreException("object store: " + what + " failed: " + e.getMessage(), e,
                    FailureKind.TRANSIENT);
        } catch (Exception e) {
            throw new ObjectStoreException("object store: " + what + " failed: " + describe(e), e, kindOf(e));
        }
    }

    /**
     * A refusal that names the object or bucket is for good; the store answering "slow down" or with a server
     * error may pass on a retry; no answer at all (refused or dropped connection) means the store is down.
     */
    static FailureKind kindOf(Exception e) {
        if (e instanceof ErrorResponseException response) {
            return PERMANENT_CODES.contains(response.errorResponse().code()) ? FailureKind.PERMANENT
                    : FailureKind.TRANSIENT;
        }
        if (e instanceof IOException) {
            return FailureKind.UNAVAILABLE;
        }
        return FailureKind.TRANSIENT;
    }

    private static String describe(Exception e) {
        if (e instanceof ErrorResponseException response) {
            return response.errorResponse().code() + " " + response.errorResponse().message();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
