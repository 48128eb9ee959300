package io.ocellus.stack;

import io.ocellus.schema.Topics;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads asking for classification at a steady rate while the broker is killed and restarted, then the store, then
 * inference-service (killed too, mid-stream); afterwards every upload answered 2xx must have exactly one
 * {@code ImageClassified} by the served model, as a downstream consumer reading committed results sees them: none
 * lost, none doubled, and the consumers went on through all three. The counts are printed, with the times of the
 * classifications of any image classified twice, which say which kill made the double.
 */
final class FaultDrill {

    /** Restarts whatever of the stack is not running (./ocellus up). */
    interface Restart {
        void run() throws Exception;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int UPLOADS = 1000;
    private static final Duration PACE = Duration.ofMillis(50);

    private final StackLayout layout;
    private final Restart restart;

    FaultDrill(StackLayout layout, Restart restart) {
        this.layout = layout;
        this.restart = restart;
    }

    void run(String uploader, String model) throws Exception {
        StackState state = StackState.read(layout).orElseThrow();
        String ingest = url(state, "ingest-service");
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        Map<Integer, Map<Integer, Integer>> timeline = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        List<Future<?>> uploads = new ArrayList<>();
        Random random = new Random(20_261_206L);
        for (int i = 0; i < UPLOADS; i++) {
            byte[] png = png(random);
            long due = start + PACE.toNanos() * i;
            uploads.add(clients.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int status = upload(ingest, png, uploader);
                answered.put(sha256(png), status);
                int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                timeline.computeIfAbsent(second / 5 * 5, s -> new ConcurrentHashMap<>()).merge(status, 1,
                        Integer::sum);
                return null;
            }));
        }
        // the outages, one after the other, while the uploads go on
        outage(start, 8, "kafka", true);
        outage(start, 22, "s3", true);
        outage(start, 36, "inference-service", true);
        for (Future<?> upload : uploads) {
            upload.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();

        List<String> accepted = answered.entrySet().stream().filter(e -> e.getValue() / 100 == 2)
                .map(Map.Entry::getKey).toList();
        Map<String, Integer> classified = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            classified = classifications(state, model);
            if (accepted.stream().allMatch(classified::containsKey)) {
                break;
            }
            Thread.sleep(2000);
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        answered.values().forEach(s -> byStatus.merge(String.valueOf(s), 1, Integer::sum));
        Map<String, Integer> finalCounts = classified;
        // when each doubled image was classified, in seconds into the drill: it says which stop made the double
        Map<String, List<Long>> doubles = new TreeMap<>();
        classifiedAt.forEach((id, times) -> {
            if (times.size() > 1 && accepted.contains(id)) {
                doubles.put(id.substring(0, 12), times.stream().map(t -> Duration.between(startedAt, t).toSeconds())
                        .sorted().toList());
            }
        });
        long missing = accepted.stream().filter(id -> !finalCounts.containsKey(id)).count();
        long doubled = accepted.stream().filter(id -> finalCounts.getOrDefault(id, 0) > 1).count();
        System.out.printf("FaultDrill: %d uploads (answers by status %s) through kills of the broker (at 8 s), the "
                        + "store (22 s) and inference-service (36 s): %d answered 2xx, %d classified by %s, %d missing, "
                        + "%d doubled %s (seconds into the drill of each classification); answers by 5-second window: "
                        + "%s%n",
                UPLOADS, byStatus, accepted.size(), accepted.stream().filter(finalCounts::containsKey).count(),
                model, missing, doubled, doubles, new TreeMap<>(timeline));
        assertThat(accepted.size()).as("uploads answered 2xx").isGreaterThan(UPLOADS / 4);
        assertThat(missing).as("accepted uploads never classified").isZero();
        assertThat(doubled).as("accepted uploads classified twice").isZero();
    }

    /** At {@code atSeconds} into the drill, stops the component (killed, or asked to stop) and starts it again. */
    private void outage(long start, int atSeconds, String component, boolean kill) throws Exception {
        long wait = start + TimeUnit.SECONDS.toNanos(atSeconds) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        long pid = StackState.read(layout).orElseThrow().component(component).map(StackState.Component::pid)
                .orElseThrow();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " not running"));
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        process.onExit().get(60, TimeUnit.SECONDS);
        Thread.sleep(2000);
        restart.run();
    }

    /** When each image was classified by the model, as the last read of the topic found it. */
    private final Map<String, List<Instant>> classifiedAt = new HashMap<>();

    /** How many classifications each image has from {@code model}, read from the topic's beginning. */
    private Map<String, Integer> classifications(StackState state, String model) throws Exception {
        classifiedAt.clear();
        Map<String, Integer> counts = new HashMap<>();
        TopicReader.readAll(layout, state, Topics.CLASSIFICATIONS, event -> {
            if (model.equals(event.path("modelName").asText())) {
                String imageId = event.path("imageId").asText();
                counts.merge(imageId, 1, Integer::sum);
                classifiedAt.computeIfAbsent(imageId, id -> new ArrayList<>())
                        .add(Instant.parse(event.path("classifiedAt").asText()));
            }
        });
        return counts;
    }

    private static int upload(String ingest, byte[] png, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/v1/images?tasks=classify"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "image/png")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static String url(StackState state, String component) {
        return state.component(component).map(StackState.Component::url)
                .orElseThrow(() -> new AssertionError(component + " missing from stack.json"));
    }

    private static byte[] png(Random random) throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
