package io.ocellus.commons.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;

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
        call("put " + bucket + "/" + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key).contentType(contentType)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .build()));
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

    public boolean exists(String bucket, String key) {
        return stat(bucket, key).isPresent();
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, StoreCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw new ObjectStoreException("object store: " + what + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ObjectStoreException("object store: " + what + " failed: " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof ErrorResponseException response) {
            return response.errorResponse().code() + " " + response.errorResponse().message();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
