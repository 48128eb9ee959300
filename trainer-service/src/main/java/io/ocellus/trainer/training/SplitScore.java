package io.ocellus.trainer.training;

/**
 * How a network does on one split: mean loss, rank-1 and rank-5 accuracy (null with fewer than five classes), and
 * the confusion matrix, rows the true class and columns the predicted one.
 */
public record SplitScore(int count, double loss, double rank1, Double rank5, long[][] confusion) {

    /** Precision, recall and F1 of class {@code k}; zero where undefined (nothing predicted or present). */
    public ClassScore classScore(int k) {
        long truePositives = confusion[k][k];
        long predicted = 0;
        long actual = 0;
        for (int i = 0; i < confusion.length; i++) {
            predicted += confusion[i][k];
            actual += confusion[k][i];
        }
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = actual == 0 ? 0 : (double) truePositives / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScore(precision, recall, f1, actual);
    }

    public record ClassScore(double precision, double recall, double f1, long support) {
    }
}
