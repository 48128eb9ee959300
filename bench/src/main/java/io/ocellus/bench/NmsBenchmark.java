package io.ocellus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocellus.vision.detect.Box;
import io.ocellus.vision.detect.NonMaxSuppression;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Greedy NMS on the same random boxes and threshold in Ocellus (vision-core) and in its peers, torchvision.ops.nms
 * and cv2.dnn.NMSBoxes (Debian's python3-torchvision and python3-opencv, one thread each), in one run: the best
 * time of each, the ratios, and whether all three kept the same boxes.
 */
@Command(name = "nms", mixinStandardHelpOptions = true,
        description = "Times Ocellus' NMS against torchvision.ops.nms and cv2.dnn.NMSBoxes on the same boxes.")
public final class NmsBenchmark implements Callable<Integer> {

    /** How much faster than torchvision's NMS Ocellus' must be, keeping the same boxes. */
    static final double GOAL = 50;

    @Option(names = "--boxes", defaultValue = "20000", description = "random boxes (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--iou", defaultValue = "0.5", description = "IoU threshold (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--rounds", defaultValue = "5", description = "runs per side; the best counts (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        float[][] rows = randomBoxes(count, seed);
        Path file = Files.createTempFile("ocellus-nms-", ".f32");
        ByteBuffer bytes = ByteBuffer.allocate(count * 5 * 4).order(ByteOrder.LITTLE_ENDIAN);
        List<Box> boxes = new ArrayList<>(count);
        Map<Box, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < count; i++) {
            for (float v : rows[i]) {
                bytes.putFloat(v);
            }
            Box box = new Box(rows[i][0], rows[i][1], rows[i][2], rows[i][3], 0, rows[i][4]);
            boxes.add(box);
            index.put(box, i);
        }
        Files.write(file, bytes.array());

        double best = Double.MAX_VALUE;
        List<Box> kept = List.of();
        for (int r = 0; r < rounds + 3; r++) {
            long started = System.nanoTime();
            kept = NonMaxSuppression.apply(boxes, threshold, 0);
            double took = (System.nanoTime() - started) / 1e9;
            // the first runs warm the JIT up and do not count
            best = r < 3 ? best : Math.min(best, took);
        }
        List<Integer> ours = kept.stream().map(index::get).toList();

        JsonNode peers = peers(file);
        Files.deleteIfExists(file);
        JsonNode torch = peers.get("torchvision");
        JsonNode cv = peers.get("opencv");
        System.out.printf(Locale.ROOT, "NMS of %d random boxes at IoU %.2f, best of %d, one thread%n", count,
                threshold, rounds);
        System.out.printf(Locale.ROOT, "  Ocellus (vision-core)       %9.3f ms  kept %d%n", best * 1e3, ours.size());
        System.out.printf(Locale.ROOT, "  torchvision %-8s        %9.3f ms  kept %d  same set: %s%n",
                torch.get("version").asText(), torch.get("seconds").asDouble() * 1e3, torch.get("kept").size(),
                same(ours, torch.get("kept")));
        System.out.printf(Locale.ROOT, "  OpenCV %-10s           %9.3f ms  kept %d  same set: %s%n",
                cv.get("version").asText(), cv.get("seconds").asDouble() * 1e3, cv.get("kept").size(),
                same(ours, cv.get("kept")));
        double overTorch = torch.get("seconds").asDouble() / best;
        double overCv = cv.get("seconds").asDouble() / best;
        boolean sameAsTorch = same(ours, torch.get("kept")).equals("yes");
        System.out.printf(Locale.ROOT, "  speed-up over torchvision %.1fx (goal >= %.0fx, the same kept set), over "
                + "OpenCV %.1fx%n", overTorch, GOAL, overCv);
        String ocellus = String.format(Locale.ROOT, "%.2f ms, kept %d", best * 1e3, ours.size());
        BenchResult result = new BenchResult("nms").setting("boxes", count).setting("iou", threshold)
                .setting("rounds", rounds);
        String measure = String.format(Locale.ROOT, "NMS of %,d boxes, one thread", count);
        if (sameAsTorch) {
            result.atLeast(measure, ocellus, peer("torchvision", torch), overTorch, "x", GOAL);
        } else {
            result.reported(measure + " (kept sets differ: no goal)", ocellus, peer("torchvision", torch),
                    overTorch, "x");
        }
        result.reported(measure, ocellus, peer("OpenCV", cv), overCv, "x").writeIfAsked();
        return 0;
    }

    private static String peer(String name, JsonNode side) {
        return String.format(Locale.ROOT, "%s %s: %.2f ms, kept %d", name, side.get("version").asText(),
                side.get("seconds").asDouble() * 1e3, side.get("kept").size());
    }

    /** Boxes of 10 to 100 pixels a side scattered over a 1024x768 scene, with scores in (0, 1]. */
    static float[][] randomBoxes(int count, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            float w = 10 + random.nextFloat() * 90;
            float h = 10 + random.nextFloat() * 90;
            float x = random.nextFloat() * (1024 - w);
            float y = random.nextFloat() * (768 - h);
            rows[i] = new float[]{x, y, x + w, y + h, 0.001f + 0.999f * random.nextFloat()};
        }
        return rows;
    }

    private JsonNode peers(Path file) throws Exception {
        Process python = new ProcessBuilder("/usr/bin/python3", "bench/nms/peers.py", file.toString(),
                String.valueOf(threshold), String.valueOf(rounds)).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (python.waitFor() != 0) {
            throw new IllegalStateException("bench/nms/peers.py failed: " + out);
        }
        return new ObjectMapper().readTree(out);
    }

    private static String same(List<Integer> ours, JsonNode theirs) {
        Set<Integer> a = new HashSet<>(ours);
        Set<Integer> b = new HashSet<>();
        theirs.forEach(i -> b.add(i.asInt()));
        if (a.equals(b)) {
            return "yes";
        }
        Set<Integer> onlyOurs = new HashSet<>(a);
        onlyOurs.removeAll(b);
        Set<Integer> onlyTheirs = new HashSet<>(b);
        onlyTheirs.removeAll(a);
        return "NO (" + onlyOurs.size() + " only here, " + onlyTheirs.size() + " only there)";
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NmsBenchmark()).execute(args));
    }
}
