package io.ocellus.vision.detect;

import io.ocellus.vision.Preprocessor;
import io.ocellus.vision.onnx.DenseClassifier;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The sliding-window search of {@link SlidingWindowDetector}, with each pyramid level classified in one run of the
 * classifier's fully convolutional form instead of window by window. The work a window shares with its neighbours
 * (most of the convolutions) is done once, and the result is the same: the same windows, the same probabilities
 * (to float rounding), the same boxes after NMS. It applies when the window is the classifier's input and the step
 * a multiple of the dense form's stride.
 */
public final class DenseWindowSearch {

    /** The dense classifier's view of one preprocessed level: probabilities of every window. */
    public interface DenseScorer {
        DenseClassifier.ScoreMap score(float[] image, int height, int width);
    }

    private DenseWindowSearch() {
    }

    /** Whether a search with these settings can run densely with a classifier of this window and stride. */
    public static boolean applies(SlidingWindowDetector.Settings s, int windowWidth, int windowHeight, int stride) {
        return s.windowWidth() == windowWidth && s.windowHeight() == windowHeight && s.step() % stride == 0;
    }

    public static SlidingWindowDetector.Result detect(BufferedImage image, Preprocessor preprocessor,
                                                      DenseScorer scorer, int stride,
                                                      SlidingWindowDetector.Settings s) {
        if (s.step() % stride != 0) {
            throw new IllegalArgumentException("the dense search steps in multiples of " + stride + " pixels, got "
                    + s.step());
        }
        List<ImagePyramid.Level> levels = SlidingWindowDetector.plan(image, s);
        List<Box> found = new ArrayList<>();
        long windows = 0;
        float[] p = null;
        for (ImagePyramid.Level level : levels) {
            BufferedImage scaled = ImagePyramid.render(image, level);
            DenseClassifier.ScoreMap map = scorer.score(preprocessor.applyAtOwnSize(scaled), scaled.getHeight(),
                    scaled.getWidth());
            p = p == null || p.length != map.classes() ? new float[map.classes()] : p;
            for (SlidingWindows.Position at : SlidingWindows.positions(level.width(), level.height(),
                    s.windowWidth(), s.windowHeight(), s.step())) {
                int row = at.y() / stride;
                int column = at.x() / stride;
                if (row >= map.rows() || column >= map.columns()) {
                    throw new IllegalStateException("the dense map (" + map.rows() + "x" + map.columns()
                            + ") misses the window at " + at + ": the classifier is not the window's net");
                }
                for (int k = 0; k < p.length; k++) {
                    p[k] = map.probability(k, row, column);
                }
                Box box = SlidingWindowDetector.candidate(p, level, at, s);
                if (box != null) {
                    found.add(box);
                }
                windows++;
            }
        }
        return SlidingWindowDetector.suppress(found, windows, levels.size(), s);
    }
}
