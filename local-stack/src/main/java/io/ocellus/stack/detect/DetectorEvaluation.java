package io.ocellus.stack.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.samples.scenes.SceneGenerator;
import io.ocellus.stack.StackException;
import io.ocellus.stack.imports.ImportProgress;
import io.ocellus.vision.detect.Box;
import io.ocellus.vision.detect.MeanAveragePrecision;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A detector measured on generated scenes of real MNIST digits on noise: each scene goes to detector-service's
 * {@code POST /v1/detect}, and its boxes are scored against the scene's ground truth (VOC-style mAP@0.5).
 */
public final class DetectorEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The scenes and the search: {@code size}-pixel squares of up to {@code objects} digits of 28..28*maxScale px. */
    public record Settings(String model, int scenes, int size, int objects, double maxScale, int noise, int step,
                           double scale, double minScore, double nmsIou, boolean perClassNms) {
    }

    /**
     * What the search found: mAP@0.5 and AP per digit, windows and milliseconds over all scenes, and the store key
     * of one annotated scene (the first with a box; null when none had one).
     */
    public record Result(MeanAveragePrecision.Result precision, long windows, double millis, String annotatedKey) {
    }

    private DetectorEvaluation() {
    }

    public static Result run(String detectorUrl, String token, SceneGenerator generator, Settings settings,
                             ImportProgress progress) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String query = String.format(Locale.ROOT, "%s/v1/detect?model=%s&step=%d&scale=%s&minScore=%s&nmsIou=%s"
                        + "&nmsAcrossClasses=%b", detectorUrl, settings.model(), settings.step(), settings.scale(),
                settings.minScore(), settings.nmsIou(), !settings.perClassNms());
        List<MeanAveragePrecision.Image> evaluated = new ArrayList<>();
        long windows = 0;
        double millis = 0;
        String annotated = null;
        for (int n = 0; n < settings.scenes(); n++) {
            SceneGenerator.Scene scene = generator.scene(settings.size(), settings.size(), settings.objects(), 1.0,
                    settings.maxScale(), new SceneGenerator.Background.Noise(settings.noise()));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(png(scene)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new StackException("evaluate-detector", "detector-service answered " + answer.statusCode()
                        + ": " + answer.body());
            }
            JsonNode found = JSON.readTree(answer.body());
            windows += found.path("windowsEvaluated").asLong();
            millis += found.path("latencyMillis").asDouble();
            List<Box> boxes = detections(found);
            if (annotated == null && !boxes.isEmpty() && found.path("annotatedImageKey").isTextual()) {
                annotated = found.path("annotatedImageKey").asText();
            }
            evaluated.add(new MeanAveragePrecision.Image(truth(scene), boxes));
            progress.advance(1);
        }
        return new Result(MeanAveragePrecision.evaluate(evaluated, 0.5), windows, millis, annotated);
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

    private static byte[] png(SceneGenerator.Scene scene) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(scene.image(), "png", out);
        return out.toByteArray();
    }
}
