package io.ocellus.bench;

import io.ocellus.stack.LaunchSpec;
import io.ocellus.stack.KafkaCredentials;
import io.ocellus.stack.S3Credentials;
import io.ocellus.stack.ServiceProcess;
import io.ocellus.stack.StackLayout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second inference-service on the stack's Kafka, store and keys, started with settings of its own (here
 * {@code max-batch=1}), so that one run compares it with the stack's own instance. Stopped when closed.
 */
final class ExtraInference implements AutoCloseable {

    private final Process process;
    private final String url;
    private final Path log;

    private ExtraInference(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static ExtraInference start(StackLayout layout, String kafka, String s3, Map<String, String> settings)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LaunchSpec spec = new ServiceProcess(layout, "inference-service", port).launchSpec(kafka,
                KafkaCredentials.loadOrCreate(layout), s3, S3Credentials.loadOrCreate(layout),
                layout.configDir().resolve("jwt/verify-key.pem"));
        List<String> command = new ArrayList<>(spec.command());
        int jar = command.indexOf("-jar");
        settings.forEach((key, value) -> command.add(jar, "-D" + key + "=" + value));
        Path log = Files.createTempFile("ocellus-bench-inference-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(spec.environment());
        ExtraInference started = new ExtraInference(builder.start(), spec.url(), log);
        started.awaitReady(Duration.ofMinutes(2));
        return started;
    }

    String url() {
        return url;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the extra inference-service exited; its log: " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(ServiceProcess.healthUrl(url))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the extra inference-service was not ready in " + timeout + "; log: " + log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
