package io.ocellus.teststack;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/** An S3Proxy server with a filesystem backend in a temporary folder, on a free loopback port. */
public final class S3Server implements AutoCloseable {

    private volatile S3Proxy proxy;
    private final int port;
    private final BlobStoreContext context;
    private final Path baseDir;
    private final String accessKey;
    private final String secretKey;

    private S3Server(S3Proxy proxy, BlobStoreContext context, Path baseDir, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.port = proxy.getPort();
        this.context = context;
        this.baseDir = baseDir;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static S3Server start() {
        try {
            Path baseDir = Files.createTempDirectory("ocellus-s3-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                    .overrides(properties).build(BlobStoreContext.class);
            String accessKey = "ocellus-test";
            String secretKey = UUID.randomUUID().toString();
            S3Proxy proxy = serve(context, 0, accessKey, secretKey);
            return new S3Server(proxy, context, baseDir, accessKey, secretKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test S3 server: " + e.getMessage(), e);
        }
    }

    private static S3Proxy serve(BlobStoreContext context, int port, String accessKey, String secretKey)
            throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
        return proxy;
    }

    /** Stops answering, as a store that crashed: connections to its port are refused until {@link #resume()}. */
    public synchronized void halt() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test S3 server", e);
        }
    }

    /** Serves again on the same port with the same objects, as a store that restarted. */
    public synchronized void resume() {
        try {
            proxy = serve(context, port, accessKey, secretKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart the test S3 server on port " + port, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test S3 server", e);
        } finally {
            context.close();
            deleteRecursively(baseDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
