package io.ocellus.vision.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Soft-NMS (Bodla et al., 2017), per class: instead of dropping a box that overlaps a better one, its score
 * decays with the overlap, Gaussian {@code s * exp(-iou^2 / sigma)} or linear {@code s * (1 - iou)} above the
 * IoU threshold. Boxes whose score falls below {@code minScore} are dropped; the rest come out best first in the
 * order they were selected, with their decayed scores.
 */
public final class SoftNms {

    public enum Decay { GAUSSIAN, LINEAR }

    private SoftNms() {
    }

    public static List<Box> apply(List<Box> boxes, Decay decay, double sigma, double iouThreshold, double minScore,
                                  int maxDetections) {
        if (decay == Decay.GAUSSIAN && !(sigma > 0)) {
            throw new IllegalArgumentException("Gaussian Soft-NMS needs sigma > 0, got " + sigma);
        }
        List<Box> open = new ArrayList<>(boxes);
        List<Box> kept = new ArrayList<>();
        while (!open.isEmpty() && (maxDetections <= 0 || kept.size() < maxDetections)) {
            int best = 0;
            for (int i = 1; i < open.size(); i++) {
                if (open.get(i).score() > open.get(best).score()) {
                    best = i;
                }
            }
            Box top = open.remove(best);
            if (top.score() < minScore) {
                break;
            }
            kept.add(top);
            for (int i = 0; i < open.size(); i++) {
                Box other = open.get(i);
                if (other.label() != top.label()) {
                    continue;
                }
                open.set(i, other.withScore(other.score() * weight(decay, top.iou(other), sigma, iouThreshold)));
            }
        }
        return kept;
    }

    /** The factor a box's score is multiplied by when a better box of its class overlaps it by {@code iou}. */
    public static double weight(Decay decay, double iou, double sigma, double iouThreshold) {
        return switch (decay) {
            case GAUSSIAN -> Math.exp(-(iou * iou) / sigma);
            case LINEAR -> iou > iouThreshold ? 1 - iou : 1;
        };
    }
}
