package io.ocellus.stack.orient;

import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.token.TokenMinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "orient", mixinStandardHelpOptions = true,
        description = {"Sets an image upright with an orientation model (POST /v1/orient on inference-service): "
                + "prints the angle the image was found turned by and writes it turned back as PNG.",
            "Train the model first: ./ocellus import orientation fashion-mnist, then "
                    + "./ocellus train samples/orientation-fashion-mnist.yaml."})
public final class OrientCommand implements Callable<Integer> {

    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    @Parameters(paramLabel = "FILE", description = "The image (PNG, JPEG, GIF or BMP).")
    Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write the upright image. Default: FILE's name with -upright.png.")
    Path out;

    @Option(names = "--model", paramLabel = "NAME",
            description = "The orientation model. Default: the service's (ocellus.inference.orientation-model, "
                    + "orientation).")
    String model;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory of the stack. Default: $OCELLUS_HOME, else .ocellus/ at the repository root.")
    Path stateDir;

    @Option(names = "--inference", paramLabel = "URL",
            description = "Base URL of inference-service. Default: the running stack's (stack.json).")
    String inference;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token. Default: $OCELLUS_TOKEN, else one minted with the stack's key.")
    String token;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new StackException("orient", "no such file: " + file);
        }
        StackLayout layout = StackLayout.resolve(stateDir);
        String query = model == null ? "" : "?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(layout) + "/v1/orient" + query))
                .header("Authorization", "Bearer " + TokenMinter.forCommand(token, layout, "viewer", TOKEN_TTL))
                .header("Content-Type", contentType(file))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            System.err.printf("ocellus orient: inference-service answered %d: %s%n", response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
            return 1;
        }
        Path target = out != null ? out : upright(file);
        Files.write(target, response.body());
        String angle = response.headers().firstValue("Ocellus-Angle").orElse("?");
        System.out.printf(Locale.ROOT, "%s was turned %s degrees clockwise (score %s, model %s); turned back %s "
                        + "degrees clockwise into %s%n", file, angle,
                response.headers().firstValue("Ocellus-Score").orElse("?"),
                response.headers().firstValue("Ocellus-Model").orElse("?"),
                response.headers().firstValue("Ocellus-Correction").orElse("?"), target);
        return 0;
    }

    private String baseUrl(StackLayout layout) {
        if (inference != null) {
            return inference.endsWith("/") ? inference.substring(0, inference.length() - 1) : inference;
        }
        return StackState.read(layout).flatMap(state -> state.component("inference-service"))
                .map(StackState.Component::url)
                .orElseThrow(() -> new StackException("orient", "no running stack in " + layout.stateDir()
                        + ": start it with ./ocellus up (or pass --inference URL)"));
    }

    private static Path upright(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + "-upright.png");
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".gif")) {
            return "image/gif";
        }
        if (name.endsWith(".bmp")) {
            return "image/bmp";
        }
        return "image/png";
    }
}
