package io.ocellus.bench;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import okhttp3.OkHttpClient;

import javax.net.SocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.UUID;

/** The peer: one S3 PUT per file into a bucket of its own, with the same client tuning the services use. */
final class DirectS3Client implements AutoCloseable {

    private static final String BUCKET = "ocellus-bench";

    private final OkHttpClient http = new OkHttpClient.Builder().socketFactory(new NoDelay()).build();
    private final MinioClient client;

    DirectS3Client(String endpoint, String accessKey, String secretKey) throws Exception {
        this.client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region("us-east-1").httpClient(http).build();
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        }
    }

    void put(byte[] png) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(BUCKET).object("bench/" + UUID.randomUUID())
                .contentType("image/png").stream(new ByteArrayInputStream(png), png.length, -1).build());
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** TCP_NODELAY, as in service-commons: without it every small PUT waits ~40 ms for a delayed ACK. */
    private static final class NoDelay extends SocketFactory {

        private final SocketFactory delegate = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = delegate.createSocket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
        }
    }
}
