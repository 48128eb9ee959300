package io.ocellus.vision.detect;

import io.ocellus.vision.Preprocessor;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The classic way to turn an image classifier into a detector: every level of an image pyramid is searched with a
 * sliding window, the windows are classified in batches, a window whose best class is one of interest and whose
 * probability reaches the minimum score becomes a box in original-image coordinates, and non-maxima suppression
 * (greedy or soft) keeps the best box of each object.
 */
public final class SlidingWindowDetector {

    /** Runs {@code count} preprocessed samples (one after another in {@code inputs}) and gives their probabilities. */
    public interface BatchClassifier {
        float[][] classify(float[] inputs, int count);
    }

    /**
     * How to search. {@code minSize} stops the pyramid (a level is searched while both sides are at least
     * {@code max(minSize, window)}); {@code ignored} are the classes never reported (e.g. background);
     * {@code nmsAcrossClasses} lets a box suppress boxes of other classes too (greedy NMS only); {@code maxWindows}
     * bounds the work of one image.
     */
    public record Settings(int windowWidth, int windowHeight, int step, double scale, int minSize, double minScore,
                           double nmsIou, boolean softNms, boolean nmsAcrossClasses, Set<Integer> ignored,
                           int batchSize, int maxDetections, long maxWindows) {

        public Settings {
            if (windowWidth < 1 || windowHeight < 1) {
                throw new IllegalArgumentException("the window must be at least 1x1, got " + windowWidth + "x"
                        + windowHeight);
            }
            if (step < 1) {
                throw new IllegalArgumentException("step must be >= 1, got " + step);
            }
            if (!(scale > 1)) {
                throw new IllegalArgumentException("scale must be > 1, got " + scale);
            }
            if (minSize < Math.min(windowWidth, windowHeight)) {
                throw new IllegalArgumentException("minSize " + minSize + " is below the window ("
                        + windowWidth + "x" + windowHeight + ")");
            }
            // written as "not inside" so that NaN is refused too
            if (!(minScore >= 0 && minScore <= 1) || !(nmsIou >= 0 && nmsIou <= 1)) {
                throw new IllegalArgumentException("minScore and nmsIou must be in [0, 1], got " + minScore + " and "
                        + nmsIou);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            ignored = Set.copyOf(ignored);
        }
    }

    /** The kept boxes, how many windows were classified, pyramid levels searched, and boxes before NMS. */
    public record Result(List<Box> boxes, long windowsEvaluated, int levels, int boxesBeforeNms) {
    }

    private SlidingWindowDetector() {
    }

    /** Windows the settings would classify in an image of this size, without classifying any. */
    public static long windows(int width, int height, Settings settings) {
        long total = 0;
        for (ImagePyramid.Level level : levels(width, height, settings)) {
            total += SlidingWindows.count(level.width(), level.height(), settings.windowWidth(),
                    settings.windowHeight(), settings.step());
        }
        return total;
    }

    private static List<ImagePyramid.Level> levels(int width, int height, Settings s) {
        return ImagePyramid.levels(width, height, s.scale(), Math.max(s.minSize(), s.windowWidth()),
                Math.max(s.minSize(), s.windowHeight()));
    }

    public static Result detect(BufferedImage image, Preprocessor preprocessor, BatchClassifier classifier,
                                Settings s) {
        List<ImagePyramid.Level> levels = plan(image, s);
        Batch batch = new Batch(preprocessor, classifier, s);
        for (ImagePyramid.Level level : levels) {
            BufferedImage scaled = ImagePyramid.render(image, level);
            for (SlidingWindows.Position p : SlidingWindows.positions(level.width(), level.height(),
                    s.windowWidth(), s.windowHeight(), s.step())) {
                batch.add(scaled.getSubimage(p.x(), p.y(), s.windowWidth(), s.windowHeight()), level, p);
            }
        }
        batch.flush();
        return suppress(batch.found, batch.windows, levels.size(), s);
    }

    /** Checks the window fits and the work stays within {@code maxWindows}; returns the pyramid's levels. */
    static List<ImagePyramid.Level> plan(BufferedImage image, Settings s) {
        if (s.windowWidth() > image.getWidth() || s.windowHeight() > image.getHeight()) {
            throw new IllegalArgumentException("the window (" + s.windowWidth() + "x" + s.windowHeight()
                    + ") is larger than the image (" + image.getWidth() + "x" + image.getHeight() + ")");
        }
        long planned = windows(image.getWidth(), image.getHeight(), s);
        if (planned > s.maxWindows()) {
            throw new TooManyWindowsException(planned, s.maxWindows());
        }
        return levels(image.getWidth(), image.getHeight(), s);
    }

    /**
     * The box a window stands for, in original-image coordinates, when its best class is reported and reaches the
     * minimum score; otherwise null.
     */
    static Box candidate(float[] p, ImagePyramid.Level level, SlidingWindows.Position at, Settings s) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        if (s.ignored().contains(best) || p[best] < s.minScore()) {
            return null;
        }
        double fx = level.toOriginalX();
        double fy = level.toOriginalY();
        return new Box(at.x() * fx, at.y() * fy, (at.x() + s.windowWidth()) * fx,
                (at.y() + s.windowHeight()) * fy, best, p[best]);
    }

    /** Non-maxima suppression (greedy or soft) over every level's boxes. */
    static Result suppress(List<Box> found, long windows, int levels, Settings s) {
        List<Box> kept = s.softNms()
                ? SoftNms.apply(found, SoftNms.Decay.GAUSSIAN, 0.5, s.nmsIou(), s.minScore(), s.maxDetections())
                : NonMaxSuppression.apply(found, s.nmsIou(), s.maxDetections(), s.nmsAcrossClasses());
        return new Result(kept, windows, levels, found.size());
    }

    /** Windows waiting to be classified together, and the boxes found so far. */
    private static final class Batch {
        private final Preprocessor preprocessor;
        private final BatchClassifier classifier;
        private final Settings s;
        private final float[] inputs;
        private final ImagePyramid.Level[] levels;
        private final SlidingWindows.Position[] positions;
        private final List<Box> found = new ArrayList<>();
        private int size;
        private long windows;

        Batch(Preprocessor preprocessor, BatchClassifier classifier, Settings s) {
            this.preprocessor = preprocessor;
            this.classifier = classifier;
            this.s = s;
            this.inputs = new float[s.batchSize() * preprocessor.size()];
            this.levels = new ImagePyramid.Level[s.batchSize()];
            this.positions = new SlidingWindows.Position[s.batchSize()];
        }

        void add(BufferedImage window, ImagePyramid.Level level, SlidingWindows.Position position) {
            preprocessor.apply(window, inputs, size * preprocessor.size());
            levels[size] = level;
            positions[size] = position;
            if (++size == s.batchSize()) {
                flush();
            }
        }

        void flush() {
            if (size == 0) {
                return;
            }
            float[][] probabilities = classifier.classify(inputs, size);
            for (int i = 0; i < size; i++) {
                Box box = candidate(probabilities[i], levels[i], positions[i], s);
                if (box != null) {
                    found.add(box);
                }
            }
            windows += size;
            size = 0;
        }
    }

    /** An image whose search would classify more windows than allowed. */
    public static final class TooManyWindowsException extends RuntimeException {
        public TooManyWindowsException(long windows, long limit) {
            super("the search would classify " + windows + " windows, above the limit of " + limit
                    + "; use a larger step, scale or minSize");
        }
    }
}
