package io.ocellus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.samples.GrayscalePng;
import io.ocellus.schema.events.Architecture;
import io.ocellus.stack.KafkaCredentials;
import io.ocellus.stack.S3Credentials;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.token.TokenMinter;
import io.ocellus.vision.Preprocessor;
import io.ocellus.vision.onnx.OnnxClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Serving throughput on one ONNX file, measured two ways in one run on the running local stack: inference-service
 * answering requests of a batch of preprocessed samples (a tensor body; also multipart PNGs, decoded by the
 * service) against ONNX Runtime for Node.js running the file directly on tensors of the same batch size; and 64
 * concurrent single-image clients with dynamic batching against a second inference-service with
 * {@code max-batch=1}. ONNX Runtime's Java binding in the benchmark's own process runs the same tensors too, which
 * tells the runtime's share of any gap from the service's, and at batch 1 what the runtime itself gains from
 * batching. The HTTP load comes from wrk ({@link WrkLoad}); each HTTP side is first loaded until its throughput
 * stops rising ({@link WarmUp}), then the sides alternate for several rounds and the best round of each counts.
 */
@Command(name = "inference-throughput", mixinStandardHelpOptions = true,
        description = "Publishes an exported net to the running stack, then measures inference-service against "
                + "onnxruntime-node on the same file, and dynamic batching against max-batch=1.")
public class InferenceThroughputBenchmark implements Callable<Integer> {

    // AlexNet by default: its batch-1 runs are bound by reading its large dense layers, which is what dynamic
    // batching saves; on a net as light as LeNet (0.1 ms an image) HTTP costs decide both ratios
    @Option(names = "--architecture", defaultValue = "alexnet",
            description = "net to export (default ${DEFAULT-VALUE})")
    Architecture architecture;

    @Option(names = "--batch", defaultValue = "64", description = "images per batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--batch-clients", defaultValue = "2",
            description = "concurrent clients sending batches to inference-service (default ${DEFAULT-VALUE})")
    int batchClients;

    @Option(names = "--clients", defaultValue = "64",
            description = "concurrent single-image clients for the batching comparison (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per side (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warm-up", defaultValue = "180",
            description = "at most this many seconds of unmeasured load per HTTP side before the first round, in "
                    + "windows of 5 s until three in a row set no new best (default ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(names = "--rounds", defaultValue = "3",
            description = "alternating rounds of every side; the best of each counts (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--threads", defaultValue = "0",
            description = "ONNX Runtime intra-op threads on the Node side; 0 lets it decide, as the service does")
    int threads;

    @Option(names = "--runtime-only",
            description = "no stack: only ONNX Runtime in this process at batch B and at batch 1, the most any "
                    + "batching can gain on this net and machine")
    boolean runtimeOnly;

    @Option(names = "--state-dir", defaultValue = ".ocellus", description = "the local stack's state directory")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            System.err.println("inference-throughput: --rounds must be at least 1, got " + rounds);
            return 2;
        }
        if (batch < 1 || batchClients < 1 || clients < 1 || seconds < 1) {
            System.err.println("inference-throughput: --batch, --batch-clients, --clients and --seconds must be at "
                    + "least 1, got " + batch + ", " + batchClients + ", " + clients + " and " + seconds);
            return 2;
        }
        if (warmUpSeconds < 20) {
            System.err.println("inference-throughput: --warm-up must be at least 20 s (a first window of 5 s and "
                    + "three to compare with it), got " + warmUpSeconds);
            return 2;
        }
        int size = architecture == Architecture.ALEXNET ? 67 : architecture == Architecture.SQUEEZENET ? 35 : 28;
        if (runtimeOnly) {
            return runtimeCeiling(BenchModel.export(architecture, 1, size), size);
        }
        StackLayout layout = new StackLayout(Path.of("").toAbsolutePath(), stateDir.toAbsolutePath());
        StackState state = StackState.read(layout).orElseThrow(() -> new IllegalStateException(
                "no running stack in " + stateDir + ": start it with ./ocellus up"));
        String kafka = ServedModels.url(state, "kafka");
        String s3 = ServedModels.url(state, "s3");
        String inference = ServedModels.url(state, "inference-service");
        S3Credentials credentials = S3Credentials.loadOrCreate(layout);
        String token = TokenMinter.forCommand(null, layout, "viewer", Duration.ofHours(2));

        BenchModel model = BenchModel.export(architecture, 1, size);
        Path onnx = Files.createTempFile("ocellus-bench-", ".onnx");
        Files.write(onnx, model.onnx());
        int version = model.publish(s3, credentials.accessKey(), credentials.secretKey(), kafka,
                KafkaCredentials.adminClientConfig(layout));
        System.out.printf("inference-throughput: %s (%d bytes of ONNX) as model %s version %d, %d s per side%n",
                architecture.value(), model.onnx().length, model.name(), version, seconds);

        List<byte[]> pngs = grayPngs(batch, size);
        try (ExtraInference unbatched = ExtraInference.start(layout, kafka, s3,
                Map.of("ocellus.serving.max-batch", "1"))) {
            ServedModels.await(inference, model.name(), version, token);
            ServedModels.await(unbatched.url(), model.name(), version, token);
            Duration measure = Duration.ofSeconds(seconds);
            ClassifyClient service = new ClassifyClient(inference, model.name(), token);
            WrkLoad tensorLoad = service.repeated(service.tensor(preprocessed(pngs, size), pngs.size()));
            WrkLoad formLoad = service.repeated(service.multipart(pngs));
            WrkLoad batchingLoad = service.oneByOne(pngs);
            WrkLoad unbatchedLoad = new ClassifyClient(unbatched.url(), model.name(), token).oneByOne(pngs);
            // every HTTP side is measured warm: the max-batch 1 service starts cold and gets faster for a minute
            // or more, and measured early it would flatter dynamic batching
            warmUp("tensor body", tensorLoad, batchClients, batch);
            warmUp("multipart PNG", formLoad, batchClients, batch);
            warmUp("dynamic batching", batchingLoad, clients, 1);
            warmUp("max-batch 1", unbatchedLoad, clients, 1);
            // the sides alternate round after round and the best of each counts, so that a burst of other work
            // on a shared machine does not decide the ratio
            double node = 0;
            double java = 0;
            double javaSingle = 0;
            Best tensors = new Best();
            Best batches = new Best();
            Best dynamic = new Best();
            Best single = new Best();
            List<Double> tensorRatios = new ArrayList<>();
            List<Double> batchingRatios = new ArrayList<>();
            List<Double> runtimeRatios = new ArrayList<>();
            Duration warmUp = Duration.ofSeconds(2);
            for (int round = 1; round <= rounds; round++) {
                double nodeRound = nodeImagesPerSecond(onnx, size);
                node = Math.max(node, nodeRound);
                double javaRound = javaImagesPerSecond(model.onnx(), size, batch);
                java = Math.max(java, javaRound);
                double javaSingleRound = javaImagesPerSecond(model.onnx(), size, 1);
                javaSingle = Math.max(javaSingle, javaSingleRound);
                LoadResult tensorRound = tensors.offer(tensorLoad.run(batchClients, warmUp, measure, batch));
                LoadResult formRound = batches.offer(formLoad.run(batchClients, warmUp, measure, batch));
                LoadResult dynamicRound = dynamic.offer(batchingLoad.run(clients, warmUp, measure, 1));
                LoadResult singleRound = single.offer(unbatchedLoad.run(clients, warmUp, measure, 1));
                System.out.printf(Locale.ROOT, "round %d: node %.0f, java %.0f (batch 1: %.0f), tensors %.0f, "
                                + "multipart %.0f, dynamic batching %.0f, max-batch 1 %.0f img/s%n", round, nodeRound,
                        javaRound, javaSingleRound, tensorRound.imagesPerSecond(), formRound.imagesPerSecond(),
                        dynamicRound.imagesPerSecond(), singleRound.imagesPerSecond());
                tensorRatios.add(tensorRound.imagesPerSecond() / nodeRound);
                batchingRatios.add(dynamicRound.imagesPerSecond() / singleRound.imagesPerSecond());
                runtimeRatios.add(javaRound / javaSingleRound);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "batch %d, %s, best of %d round(s)%n", batch, architecture.value(), rounds);
            System.out.printf(Locale.ROOT, "  onnxruntime-node, the file directly on tensors  %8.0f img/s%n", node);
            System.out.printf(Locale.ROOT, "  ONNX Runtime Java in this process, same tensors %8.0f img/s  (the "
                    + "service's runtime and binding without HTTP: %.2f of node)%n", java, java / node);
            System.out.printf(Locale.ROOT, "  inference-service, %d clients, tensor body %s%n", batchClients,
                    tensors.result());
            System.out.printf(Locale.ROOT, "  inference-service, %d clients, multipart PNG %s%n", batchClients,
                    batches.result());
            System.out.printf(Locale.ROOT, "  ratio service/node on tensors %.2f (goal >= 0.90); with PNG decoding %.2f%n",
                    tensors.result().imagesPerSecond() / node, batches.result().imagesPerSecond() / node);
            System.out.printf(Locale.ROOT, "  the rounds' own ratios on tensors %s, median %.2f%n",
                    ratios(tensorRatios), median(tensorRatios));
            System.out.println();
            System.out.printf(Locale.ROOT, "%d concurrent single-image clients%n", clients);
            System.out.printf(Locale.ROOT, "  dynamic batching (max-batch 64) %s%n", dynamic.result());
            System.out.printf(Locale.ROOT, "  max-batch 1                     %s%n", single.result());
            System.out.printf(Locale.ROOT, "  ratio batching/unbatched %.2f (goal >= 5.00)%n",
                    dynamic.result().imagesPerSecond() / single.result().imagesPerSecond());
            System.out.printf(Locale.ROOT, "  the rounds' own ratios %s, median %.2f%n", ratios(batchingRatios),
                    median(batchingRatios));
            System.out.printf(Locale.ROOT, "  ONNX Runtime Java in this process, batch %d against batch 1: %.0f "
                            + "against %.0f img/s, %.2f (the rounds' own %s): what batching gains on this net and "
                            + "machine with no HTTP at all%n", batch, java, javaSingle, java / javaSingle,
                    ratios(runtimeRatios));
            // the goal as it can be met: the service gains from batching what the runtime itself gains
            double serviceGain = dynamic.result().imagesPerSecond() / single.result().imagesPerSecond();
            System.out.printf(Locale.ROOT, "  batching gain as a fraction of ONNX Runtime's own %.2f (goal >= 0.90): "
                    + "the service's %.2fx against the runtime's %.2fx%n", serviceGain / (java / javaSingle),
                    serviceGain, java / javaSingle);
            String net = architecture.value() + ", batch " + batch;
            new BenchResult("inference-throughput").setting("model", architecture.value()).setting("batch", batch)
                    .setting("batch-clients", batchClients).setting("clients", clients)
                    .setting("seconds", seconds).setting("rounds", rounds)
                    .atLeast("inference " + net + ", tensors over HTTP", String.format(Locale.ROOT, "%.0f img/s",
                                    tensors.result().imagesPerSecond()),
                            String.format(Locale.ROOT, "onnxruntime-node: %.0f img/s", node),
                            tensors.result().imagesPerSecond() / node, "x", 0.9)
                    .atLeast("dynamic batching gain, " + clients + " single-image clients, " + architecture.value(),
                            String.format(Locale.ROOT, "%.2fx (%.0f vs %.0f img/s)", serviceGain,
                                    dynamic.result().imagesPerSecond(), single.result().imagesPerSecond()),
                            String.format(Locale.ROOT, "ONNX Runtime batch %d vs 1: %.2fx", batch, java / javaSingle),
                            serviceGain / (java / javaSingle), "x", 0.9)
                    .writeIfAsked();
        } finally {
            Files.deleteIfExists(onnx);
        }
        return 0;
    }

    /** ONNX Runtime alone, batch B against batch 1, alternating for the rounds: a check a machine can make first. */
    private int runtimeCeiling(BenchModel model, int size) {
        System.out.printf("inference-throughput: %s (%d bytes of ONNX), ONNX Runtime in this process only, %d s per "
                + "side%n", architecture.value(), model.onnx().length, seconds);
        double batched = 0;
        double single = 0;
        List<Double> runtimeRatios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double batchedRound = javaImagesPerSecond(model.onnx(), size, batch);
            double singleRound = javaImagesPerSecond(model.onnx(), size, 1);
            batched = Math.max(batched, batchedRound);
            single = Math.max(single, singleRound);
            runtimeRatios.add(batchedRound / singleRound);
            System.out.printf(Locale.ROOT, "round %d: batch %d %.0f, batch 1 %.0f img/s%n", round, batch,
                    batchedRound, singleRound);
        }
        System.out.printf(Locale.ROOT, "ONNX Runtime Java, batch %d against batch 1: %.0f against %.0f img/s, %.2f "
                        + "(the rounds' own %s): dynamic batching in inference-service can gain about this much%n",
                batch, batched, single, batched / single, ratios(runtimeRatios));
        return 0;
    }

    /**
     * The middle of the ratios of the rounds, each taken between sides measured one right after the other: the best
     * rounds of two sides may come from different moments of a shared machine.
     */
    private static double median(List<Double> ratios) {
        List<Double> sorted = ratios.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String ratios(List<Double> ratios) {
        return String.join(", ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
    }

    /** The fastest of the rounds of one side. */
    private static final class Best {

        private LoadResult best;

        LoadResult offer(LoadResult round) {
            if (best == null || round.imagesPerSecond() > best.imagesPerSecond()) {
                best = round;
            }
            return round;
        }

        LoadResult result() {
            return best;
        }
    }

    /**
     * Warms one HTTP side up until its throughput stops rising ({@link WarmUp}), or for at most {@code --warm-up}
     * seconds, and says how it went.
     */
    private void warmUp(String side, WrkLoad load, int connections, int samplesPerRequest) throws Exception {
        WarmUp warmUp = new WarmUp(3, 0.03);
        boolean steady = load.warmUp(connections, samplesPerRequest, Duration.ofSeconds(5),
                Duration.ofSeconds(warmUpSeconds), warmUp);
        System.out.printf(Locale.ROOT, "warm-up, %s: %s%s%n", side, warmUp,
                steady ? "" : " (still rising after " + warmUpSeconds + " s)");
    }

    /**
     * The service's own classifier ({@code vision-core}'s OnnxClassifier, ONNX Runtime's Java binding) run in this
     * process on random tensors of {@code batch} samples, one run after another as the Node side does: what the
     * service would reach without HTTP, and so where the gap between the service and Node lies; at batch 1, what
     * the runtime gains from batching at all.
     */
    private double javaImagesPerSecond(byte[] onnx, int size, int batch) {
        float[] inputs = new float[batch * size * size];
        Random random = new Random(11);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        try (OnnxClassifier classifier = OnnxClassifier.open(onnx, threads)) {
            long warmUpUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < warmUpUntil) {
                classifier.classify(inputs, batch);
            }
            long started = System.nanoTime();
            long until = started + TimeUnit.SECONDS.toNanos(seconds);
            long runs = 0;
            while (System.nanoTime() < until) {
                classifier.classify(inputs, batch);
                runs++;
            }
            return runs * batch / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** onnxruntime-node (bench/ort-node) on random tensors of the batch size. */
    private double nodeImagesPerSecond(Path onnx, int size) throws Exception {
        Process node = new ProcessBuilder("node", "bench/ort-node/throughput.js", onnx.toString(),
                String.valueOf(batch), "1", String.valueOf(size), String.valueOf(size), String.valueOf(seconds),
                String.valueOf(threads)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!node.waitFor(seconds + 60L, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IllegalStateException("onnxruntime-node failed: " + out);
        }
        return new ObjectMapper().readTree(out).get("imagesPerSecond").asDouble();
    }

    /** The PNGs preprocessed as the model's publication says (unit scale), sample after sample. */
    private static float[] preprocessed(List<byte[]> pngs, int size) {
        Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(size, size));
        float[] values = new float[pngs.size() * preprocessor.size()];
        for (int i = 0; i < pngs.size(); i++) {
            preprocessor.apply(pngs.get(i), values, i * preprocessor.size());
        }
        return values;
    }

    private static List<byte[]> grayPngs(int count, int size) {
        Random random = new Random(7);
        List<byte[]> pngs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[size * size];
            random.nextBytes(pixels);
            pngs.add(GrayscalePng.encode(pixels, size, size));
        }
        return pngs;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new InferenceThroughputBenchmark()).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }
}
