package io.ocellus.vision.arithmetic;

/**
 * One operator's result from a runtime compared with the float64 reference: the largest error, measured as
 * |actual - expected| / (1 + |expected|) so that it reads as an absolute error near zero and a relative one on
 * large values, against the tolerance float32 arithmetic earns on these sizes.
 */
public record OperatorCheck(String operator, String shape, double maxError, double tolerance, int wrong, int total) {

    /** Float32 sums of a few thousand products stay within about 1e-5 of float64; a broken kernel is off by 1e-2 and more. */
    public static final double TOLERANCE = 1e-4;

    public boolean passed() {
        return wrong == 0;
    }

    /** Compares {@code actual} with {@code expected} value by value; NaN and infinity count as wrong. */
    public static OperatorCheck compare(String operator, Tensor expected, float[] actual) {
        if (actual.length != expected.size()) {
            return new OperatorCheck(operator, expected.shapeText(), Double.POSITIVE_INFINITY, TOLERANCE,
                    expected.size(), expected.size());
        }
        double max = 0;
        int wrong = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = expected.data()[i];
            double error = Math.abs(actual[i] - e) / (1 + Math.abs(e));
            if (!(error <= TOLERANCE)) {
                wrong++;
            }
            max = Double.isNaN(error) || error > max ? (Double.isNaN(error) ? Double.POSITIVE_INFINITY : error) : max;
        }
        return new OperatorCheck(operator, expected.shapeText(), max, TOLERANCE, wrong, actual.length);
    }

    /** Compares one number, such as a loss. */
    public static OperatorCheck compare(String operator, double expected, double actual) {
        return compare(operator, new Tensor(new int[]{1}, new double[]{expected}), new float[]{(float) actual});
    }

    /** One line: what was checked and how far off it was. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s on %s: max error %.3g (tolerance %.0e)%s", operator, shape,
                maxError, tolerance, passed() ? "" : ", " + wrong + " of " + total + " values wrong");
    }
}
