package io.ocellus.commons.storage;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The one MinIO client of a service, on an OkHttp client tuned for many small objects. */
@ApplicationScoped
public class MinioClientProducer {

    private static final int IDLE_CONNECTIONS = 8;
    private static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(10);

    @Produces
    @Singleton
    OkHttpClient objectStoreHttpClient() {
        return new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(Duration.ofSeconds(3))
                // a store that refuses connections should be reported at once, not after silent retries
                .retryOnConnectionFailure(false)
                // without retries, a pooled connection the server has already closed would fail the next request:
                // keep idle connections for less time than servers keep them (Jetty, under S3Proxy: 30 s)
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, IDLE_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS))
                .readTimeout(Duration.ofMinutes(2))
                .writeTimeout(Duration.ofMinutes(2))
                .build();
    }

    @Produces
    @Singleton
    MinioClient minioClient(ObjectStoreConfig config, OkHttpClient objectStoreHttpClient) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .httpClient(objectStoreHttpClient)
                .build();
    }

    /** OkHttp's dispatcher and pool threads would otherwise keep the JVM alive for a minute after shutdown. */
    void close(@Disposes OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
