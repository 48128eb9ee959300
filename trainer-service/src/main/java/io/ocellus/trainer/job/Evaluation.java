package io.ocellus.trainer.job;

import io.ocellus.trainer.training.SplitScore;

import java.util.ArrayList;
import java.util.List;

/**
 * The final evaluation on the test split, as stored in {@code evaluation.json}: rank-1, rank-5, per-class
 * precision, recall and F1, and the confusion matrix (rows true class, columns predicted).
 */
public record Evaluation(String modelName, int finalEpoch, int testImages, double testLoss, double rank1,
                         Double rank5, List<String> classes, List<ClassMetrics> perClass, long[][] confusion) {

    public static Evaluation of(String modelName, int finalEpoch, List<String> classes, SplitScore test) {
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            SplitScore.ClassScore score = test.classScore(k);
            perClass.add(new ClassMetrics(classes.get(k), score.precision(), score.recall(), score.f1(),
                    score.support()));
        }
        return new Evaluation(modelName, finalEpoch, test.count(), test.loss(), test.rank1(), test.rank5(),
                List.copyOf(classes), perClass, test.confusion());
    }

    public record ClassMetrics(String label, double precision, double recall, double f1, long support) {
    }
}
