package io.ocellus.stack;

import io.ocellus.stack.token.JwtKeys;
import io.ocellus.stack.token.TokenMinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's own Dockerfile.jvm builds into an image that runs, with no registry at hand: podman builds it on a
 * stand-in for its UBI base made of this machine's Debian packages ({@code src/test/container/jre-base.sh}), and
 * the container starts as user 185 against the local stack's Kafka and store, given exactly the settings of
 * {@link ServiceSettings}, takes an upload, and passes the image's own HEALTHCHECK. Needs podman and runc (Debian
 * packages; .ci/run installs them) and the packaged ingest-service.
 */
class ContainerImageTest {

    private static final Path REPO = ObservabilityConfigTest.REPO;
    private static final String SERVICE = "ingest-service";
    private static final String BASE = "localhost/ocellus-jre-base:test";
    private static final String IMAGE = "localhost/ocellus/" + SERVICE + ":test";
    private static final String CONTAINER = "ocellus-image-test";
    /** The port the image's HEALTHCHECK asks; the container shares the host's network to reach the stack. */
    private static final int PORT = 8081;
    private static final String VERIFY_KEY_IN_CONTAINER = "/jwt/verify-key.pem";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void theIngestServiceImageBuildsRunsAsItsUserAndServesAgainstTheStack() throws Exception {
        assertThat(REPO.resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar"))
                .as("build the services first: ./mvnw -B -DskipTests install").isRegularFile();
        run(Duration.ofMinutes(3), REPO.resolve("local-stack/src/test/container/jre-base.sh").toString(),
                System.getProperty("java.home"), work.resolve("base").toString());
        run(Duration.ofMinutes(3), "podman", "build", "--quiet", "--format", "docker", "--from", BASE,
                "-f", "src/main/docker/Dockerfile.jvm", "-t", IMAGE, REPO.resolve(SERVICE).toString());
        assertThat(run(Duration.ofSeconds(30), "podman", "image", "inspect", "--format", "{{.Config.User}}",
                IMAGE).trim()).as("the image's user").isEqualTo("185");

        Path stateDir = work.resolve("state");
        StackLayout layout = new StackLayout(REPO, stateDir);
        run(Duration.ofMinutes(3), REPO.resolve("ocellus").toString(), "up", "--only", "kafka,s3",
                "--state-dir", stateDir.toString(), "--kafka-port", "0", "--s3-port", "0", "--no-prometheus");
        try {
            run(Duration.ofMinutes(1), containerRun(layout).toArray(String[]::new));
            awaitReady();

            String token = TokenMinter.fromStack(JwtKeys.of(layout)).mint("image-test", List.of("uploader"),
                    Duration.ofMinutes(5));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v1/images"))
                    .header("Content-Type", "image/png").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(NoiseImage.png()))
                    .build();
            HttpResponse<String> upload = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isIn(200, 201);

            run(Duration.ofMinutes(1), "podman", "--runtime", "runc", "healthcheck", "run", CONTAINER);
            assertThat(run(Duration.ofSeconds(30), "podman", "--runtime", "runc", "exec", CONTAINER, "id", "-u")
                    .trim()).as("the service's user in the container").isEqualTo("185");
        } finally {
            new ProcessBuilder("podman", "rm", "-f", CONTAINER).redirectErrorStream(true).start()
                    .waitFor(60, TimeUnit.SECONDS);
            new ProcessBuilder("podman", "rmi", "-f", IMAGE, BASE).redirectErrorStream(true).start()
                    .waitFor(60, TimeUnit.SECONDS);
            run(Duration.ofMinutes(2), REPO.resolve("ocellus").toString(), "down", "--state-dir",
                    stateDir.toString());
        }
    }

    /**
     * The container, given each setting of the one list as the local stack gives it to the service, but for the
     * token key, which is mounted. runc, and limits no higher than this machine's, where crun cannot set them.
     */
    private List<String> containerRun(StackLayout layout) throws Exception {
        StackState state = StackState.read(layout).orElseThrow();
        Path verifyKey = JwtKeys.of(layout).verifyKey();
        LaunchSpec local = new ServiceProcess(layout, SERVICE, PORT).launchSpec(
                url(state, StackComponents.KAFKA).replaceFirst("^[a-z]+://", ""),
                KafkaCredentials.load(layout).orElseThrow(), url(state, StackComponents.S3),
                S3Credentials.loadOrCreate(layout), verifyKey);
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "run", "--detach",
                "--name", CONTAINER, "--network", "host", "--ulimit", "nofile=4096:4096", "--ulimit",
                "nproc=4096:4096", "--volume", verifyKey + ":" + VERIFY_KEY_IN_CONTAINER + ":ro"));
        for (ServiceSettings.Setting setting : ServiceSettings.of(SERVICE)) {
            String value = setting == ServiceSettings.TOKEN_KEY ? VERIFY_KEY_IN_CONTAINER
                    : setting.secret() ? local.environment().get(setting.environmentName())
                    : local.command().stream().filter(a -> a.startsWith("-D" + setting.property() + "="))
                    .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElseThrow();
            command.addAll(List.of("--env", setting.environmentName() + "=" + value));
        }
        command.add(IMAGE);
        return command;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                        + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the container is not ready within 2 minutes; its log:\n"
                        + run(Duration.ofSeconds(30), "podman", "logs", CONTAINER));
            }
            Thread.sleep(250);
        }
    }

    /** Runs a command to its end and returns what it printed; fails with that output when it fails. */
    private String run(Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile(work, "command-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // ./ocellus: the packaged services as they are, and this test's state directory only
        builder.environment().put("OCELLUS_NO_BUILD", "1");
        builder.environment().remove(StackLayout.STATE_DIR_ENV);
        Process process = builder.start();
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(ended && process.exitValue() == 0).as("%s:\n%s", String.join(" ", command), printed).isTrue();
        return printed;
    }

    private static String url(StackState state, String component) {
        return state.component(component).map(StackState.Component::url).orElseThrow();
    }
}
