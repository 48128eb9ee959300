package io.ocellus.vision.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * VOC-style mean average precision. Per class, detections from all images are ranked by score; one is a true
 * positive when it overlaps a not yet matched ground-truth box of its class in its image by at least the IoU
 * threshold (0.5 for mAP@0.5), otherwise a false positive. A class's AP is the area under its precision-recall
 * curve with precision made monotone (every recall point, as VOC since 2010); mAP averages the classes that have
 * ground truth.
 */
public final class MeanAveragePrecision {

    /** One image: its ground-truth boxes (label set, score ignored) and the detector's boxes. */
    public record Image(List<Box> truth, List<Box> detections) {

        public Image {
            truth = List.copyOf(truth);
            detections = List.copyOf(detections);
        }
    }

    /** mAP, and the AP of each class with ground truth. */
    public record Result(double map, Map<Integer, Double> perClass) {
    }

    private MeanAveragePrecision() {
    }

    public static Result evaluate(List<Image> images, double iouThreshold) {
        TreeSet<Integer> classes = new TreeSet<>();
        images.forEach(image -> image.truth().forEach(b -> classes.add(b.label())));
        Map<Integer, Double> perClass = new LinkedHashMap<>();
        for (int label : classes) {
            perClass.put(label, averagePrecision(images, label, iouThreshold));
        }
        double map = perClass.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Result(map, perClass);
    }

    private record Ranked(int image, Box box) {
    }

    static double averagePrecision(List<Image> images, int label, double iouThreshold) {
        List<Ranked> ranked = new ArrayList<>();
        List<boolean[]> matched = new ArrayList<>();
        int positives = 0;
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            matched.add(new boolean[image.truth().size()]);
            positives += (int) image.truth().stream().filter(b -> b.label() == label).count();
            for (Box d : image.detections()) {
                if (d.label() == label) {
                    ranked.add(new Ranked(i, d));
                }
            }
        }
        if (positives == 0) {
            return 0;
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.box().score()));
        double[] precision = new double[ranked.size()];
        double[] recall = new double[ranked.size()];
        int truePositives = 0;
        for (int r = 0; r < ranked.size(); r++) {
            Ranked d = ranked.get(r);
            List<Box> truth = images.get(d.image()).truth();
            int best = -1;
            double bestIou = -1;
            for (int t = 0; t < truth.size(); t++) {
                if (truth.get(t).label() != label) {
                    continue;
                }
                double iou = truth.get(t).iou(d.box());
                if (iou > bestIou) {
                    bestIou = iou;
                    best = t;
                }
            }
            // as in VOC: the best-overlapping box decides; if it is already taken the detection is a duplicate
            if (best >= 0 && bestIou >= iouThreshold && !matched.get(d.image())[best]) {
                matched.get(d.image())[best] = true;
                truePositives++;
            }
            precision[r] = (double) truePositives / (r + 1);
            recall[r] = (double) truePositives / positives;
        }
        return area(precision, recall);
    }

    /** Area under the precision-recall curve with precision made non-increasing in recall. */
    private static double area(double[] precision, double[] recall) {
        int n = precision.length;
        double[] p = new double[n + 2];
        double[] r = new double[n + 2];
        r[n + 1] = 1;
        for (int i = 0; i < n; i++) {
            p[i + 1] = precision[i];
            r[i + 1] = recall[i];
        }
        for (int i = n; i >= 0; i--) {
            p[i] = Math.max(p[i], p[i + 1]);
        }
        double area = 0;
        for (int i = 1; i <= n + 1; i++) {
            area += (r[i] - r[i - 1]) * p[i];
        }
        return area;
    }
}
