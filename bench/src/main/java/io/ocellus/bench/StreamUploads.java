package io.ocellus.bench;

import io.ocellus.schema.store.ContentKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop uploads with {@code tasks=classify}: upload i is due at i/rate seconds whatever happened to the ones
 * before, and its latency counts from when it was due, so a slow answer cannot hide the load it held back.
 */
final class StreamUploads {

    private static final Duration DRAIN = Duration.ofSeconds(20);

    private final URI images;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    StreamUploads(String ingestUrl, String token) {
        this.images = URI.create(ingestUrl + "/v1/images?tasks=classify");
        this.token = token;
    }

    /** What one rate gave. */
    record Run(int rate, int seconds, int uploads, int refused, double[] answerMillis, double[] classifiedMillis,
               int missing, int repeated) {

        /** The 99th percentile of upload -> classified. */
        double classifiedP99() {
            return percentile(classifiedMillis, 99);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%3d images/s for %d s: %d uploads (%d refused), answered p50 %.0f ms, "
                            + "p99 %.0f ms; upload -> classified p50 %.0f ms, p99 %.0f ms, max %.0f ms; %d not "
                            + "classified %d s after the last upload, %d classified twice", rate, seconds, uploads,
                    refused, percentile(answerMillis, 50), percentile(answerMillis, 99),
                    percentile(classifiedMillis, 50), percentile(classifiedMillis, 99),
                    percentile(classifiedMillis, 100), missing, DRAIN.toSeconds(), repeated);
        }
    }

    Run run(int rate, int seconds, int size, Classifications classified) throws Exception {
        List<byte[]> pngs = PngFiles.random(rate * seconds, size);
        int count = pngs.size();
        long[] due = new long[count];
        long[] answered = new long[count];
        boolean[] accepted = new boolean[count];
        AtomicInteger refused = new AtomicInteger();
        int repeatedBefore = classified.repeated();
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(256, Math.max(16, rate / 2)));
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < count; i++) {
            due[i] = start + (long) (i * 1e9 / rate);
            LockSupport.parkNanos(due[i] - System.nanoTime());
            int n = i;
            senders.execute(() -> {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(images)
                            .header("Content-Type", "image/png").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(pngs.get(n))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    answered[n] = System.nanoTime();
                    accepted[n] = response.statusCode() / 100 == 2;
                } catch (Exception e) {
                    answered[n] = System.nanoTime();
                }
                if (!accepted[n]) {
                    refused.incrementAndGet();
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (accepted[i]) {
                ids.add(ContentKeys.sha256(pngs.get(i)));
            }
        }
        int missing = classified.await(ids, DRAIN);
        double[] answers = new double[count];
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers[i] = (answered[i] - due[i]) / 1e6;
            Long arrival = accepted[i] ? classified.arrival(ContentKeys.sha256(pngs.get(i))) : null;
            if (arrival != null) {
                latencies.add((arrival - due[i]) / 1e6);
            }
        }
        return new Run(rate, seconds, count, refused.get(), answers,
                latencies.stream().mapToDouble(Double::doubleValue).toArray(), missing,
                classified.repeated() - repeatedBefore);
    }

    static double percentile(double[] values, int percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
