package io.ocellus.vision.arithmetic;

/**
 * Sees every result a runtime hands back to a self-test before it is compared with the reference. In service it
 * passes results through; a test uses it to make one operator's result wrong on purpose and see the self-test
 * name that operator.
 */
@FunctionalInterface
public interface ResultTap {

    ResultTap NONE = (operator, values) -> values;

    float[] apply(String operator, float[] values);
}
