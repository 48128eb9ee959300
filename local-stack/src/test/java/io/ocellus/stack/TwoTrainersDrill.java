package io.ocellus.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.ocellus.schema.Topics;
import io.ocellus.schema.store.Buckets;
import io.ocellus.stack.token.JwtKeys;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A second trainer process joins the stack's trainer on the same broker and store, and 6 jobs over 2 models are
 * submitted to both trainers in turn. The request partitions are split between the two trainers, and in the end
 * each job completed and published exactly once, each model's versions are 1, 2, 3, and each version's ONNX file is
 * in the store.
 */
final class TwoTrainersDrill {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int JOBS_PER_MODEL = 3;
    private static final String SECOND = "trainer-service-2";

    private final StackLayout layout;
    private final String trainerToken;
    private int secondPort;

    TwoTrainersDrill(StackLayout layout, String trainerToken) {
        this.layout = layout;
        this.trainerToken = trainerToken;
    }

    void run(String dataset) throws Exception {
        StackState state = StackState.read(layout).orElseThrow();
        String first = url(state, "trainer-service");
        List<String> models = modelsOnTwoPartitions(dataset);
        Map<String, String> jobModels = new LinkedHashMap<>();
        Process second = startSecondTrainer(state);
        try {
            String secondUrl = "http://127.0.0.1:" + secondPort;
            awaitReady(secondUrl, second);
            awaitPartitions();
            for (int run = 1; run <= JOBS_PER_MODEL; run++) {
                for (String model : models) {
                    jobModels.put(submit(run % 2 == 0 ? secondUrl : first, dataset, model, run), model);
                }
            }
            for (String jobId : jobModels.keySet()) {
                JsonNode job = awaitEnd(first, jobId);
                assertThat(job.path("status").asText()).as("job %s: %s", jobId, job.path("reason").asText())
                        .isEqualTo("COMPLETED");
            }
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
            new PidFiles(layout).delete(SECOND);
        }

        Map<String, Integer> completed = count(state, Topics.TRAINING_PROGRESS, jobModels,
                event -> "COMPLETED".equals(event.path("status").asText()));
        Map<String, Integer> published = count(state, Topics.MODELS_PUBLISHED, jobModels, event -> true);
        for (String jobId : jobModels.keySet()) {
            assertThat(completed.getOrDefault(jobId, 0)).as("COMPLETED reports of job " + jobId).isEqualTo(1);
            assertThat(published.getOrDefault(jobId, 0)).as("versions published by job " + jobId).isEqualTo(1);
        }
        S3Credentials credentials = S3Credentials.loadOrCreate(layout);
        MinioClient store = MinioClient.builder().endpoint(url(state, StackComponents.S3))
                .credentials(credentials.accessKey(), credentials.secretKey()).build();
        for (String model : models) {
            JsonNode entry = JSON.readTree(get(first + "/v1/registry/" + model).body());
            List<Integer> versions = new ArrayList<>();
            entry.path("versions").forEach(version -> versions.add(version.path("version").asInt()));
            assertThat(versions).as("versions of " + model).containsExactly(1, 2, 3);
            for (JsonNode version : entry.path("versions")) {
                assertThat(jobModels).containsKey(version.path("jobId").asText());
                String onnx = version.path("onnxKey").asText();
                assertThatCode(() -> store.statObject(StatObjectArgs.builder().bucket(Buckets.MODELS).object(onnx)
                        .build())).as("the file of %s version %s", model, version.path("version"))
                        .doesNotThrowAnyException();
            }
        }
    }

    /** The stack's trainer again, on another port, with the same settings and its own log. */
    private Process startSecondTrainer(StackState state) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            secondPort = socket.getLocalPort();
        }
        LaunchSpec spec = new ServiceProcess(layout, "trainer-service", secondPort).launchSpec(
                url(state, StackComponents.KAFKA).replaceFirst("^[a-z]+://", ""),
                KafkaCredentials.load(layout).orElseThrow(), url(state, StackComponents.S3),
                S3Credentials.loadOrCreate(layout), JwtKeys.of(layout).verifyKey());
        return new ProcessLauncher(layout).start(new LaunchSpec(SECOND, spec.url(), spec.port(), spec.command(),
                spec.environment(), spec.workingDirectory(), spec.probe(), spec.readyTimeout()));
    }

    /** Two model names whose requests land on different partitions, so each trainer may hold one. */
    private static List<String> modelsOnTwoPartitions(String dataset) {
        String a = dataset + "-duo-a";
        int partitionOfA = partition(a);
        for (int i = 0; ; i++) {
            String b = dataset + "-duo-b" + i;
            if (partition(b) != partitionOfA) {
                return List.of(a, b);
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % KafkaTopics.PARTITIONS;
    }

    private String submit(String trainer, String dataset, String model, int run) throws Exception {
        String config = JSON.writeValueAsString(Map.of(
                "dataset", dataset,
                "modelName", model,
                "architecture", "lenet",
                "inputShape", Map.of("channels", 1, "height", 16, "width", 16),
                "hyperParameters", Map.of("epochs", 2, "batchSize", 4, "optimizer", "sgd", "learningRate", 0.01,
                        "seed", run)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(trainer + "/v1/jobs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + trainerToken)
                .POST(HttpRequest.BodyPublishers.ofString(config)).build();
        HttpResponse<String> accepted = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("jobId").asText();
    }

    private void awaitReady(String trainer, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            assertThat(process.isAlive()).as("the second trainer runs (log %s)", layout.logFile(SECOND)).isTrue();
            try {
                if (get(trainer + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("the second trainer is ready within 3 minutes").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Until the group has given the second trainer its share of the request partitions (its log says so). */
    private void awaitPartitions() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.readString(layout.logFile(SECOND)).matches("(?s).*holds partitions \\[\\d.*")) {
            assertThat(System.nanoTime()).as("the second trainer holds request partitions within a minute (log %s)",
                    layout.logFile(SECOND)).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The job once it ended, as the trainer reports it (from the journal when the other trainer ran it). */
    private JsonNode awaitEnd(String trainer, String jobId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            HttpResponse<String> answer = get(trainer + "/v1/jobs/" + jobId);
            if (answer.statusCode() == 200) {
                JsonNode job = JSON.readTree(answer.body());
                if (List.of("COMPLETED", "FAILED", "CANCELLED", "DIVERGED").contains(job.path("status").asText())) {
                    return job;
                }
            }
            assertThat(System.nanoTime()).as("job %s ends within 5 minutes", jobId).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Events of the drill's jobs on {@code topic} that {@code filter} accepts, counted per job. */
    private Map<String, Integer> count(StackState state, String topic, Map<String, String> jobs,
                                       Predicate<JsonNode> filter) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        TopicReader.readAll(layout, state, topic, event -> {
            String jobId = event.path("jobId").asText();
            if (jobs.containsKey(jobId) && filter.test(event)) {
                counts.merge(jobId, 1, Integer::sum);
            }
        });
        return counts;
    }

    private HttpResponse<String> get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + trainerToken).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String url(StackState state, String component) {
        return state.component(component).map(StackState.Component::url)
                .orElseThrow(() -> new AssertionError(component + " is not in the stack"));
    }
}
