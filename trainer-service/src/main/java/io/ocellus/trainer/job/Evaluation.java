package io.ocellus.trainer.job;

import io.ocellus.trainer.training.SplitScore;

import java.util.ArrayList;
import java.util.List;

/**
 * The final evaluation on the test split, as stored in {@code evaluation.json}: rank-1, rank-5, per-class
 * precision, recall and F1, and the confusion matrix (rows true class, columns predicted). An ensemble's also
 * lists each member's own test score ({@code members}; null for a single net).
 */
public record Evaluation(String modelName, int finalEpoch, int testImages, double testLoss, double rank1,
                         Double rank5, List<String> classes, List<ClassMetrics> perClass, long[][] confusion,
                         List<MemberScore> members) {

    public static Evaluation of(String modelName, int finalEpoch, List<String> classes, SplitScore test) {
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            SplitScore.ClassScore score = test.classScore(k);
            perClass.add(new ClassMetrics(classes.get(k), score.precision(), score.recall(), score.f1(),
                    score.support()));
        }
        return new Evaluation(modelName, finalEpoch, test.count(), test.loss(), test.rank1(), test.rank5(),
                List.copyOf(classes), perClass, test.confusion(), null);
    }

    /** This evaluation of an ensemble, with its members' own scores. */
    public Evaluation withMembers(List<MemberScore> scores) {
        return new Evaluation(modelName, finalEpoch, testImages, testLoss, rank1, rank5, classes, perClass, confusion,
                List.copyOf(scores));
    }

    public record ClassMetrics(String label, double precision, double recall, double f1, long support) {
    }

    /** One ensemble member's test score: its architecture, seed, the epoch its weights are from, rank-1, rank-5. */
    public record MemberScore(String architecture, long seed, int finalEpoch, double rank1, Double rank5) {
    }
}
