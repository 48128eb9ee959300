package io.ocellus.vision.onnx;

import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.OperatorCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxSelfTestTest {

    @Test
    void onnxRuntimeComputesTheSelfTestModelLikeTheReference() {
        ArithmeticReport report = new OnnxSelfTest(1).run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(OperatorCheck::operator).contains("whole model, optimised graph",
                "Conv 20->50 5x5 pad 2", "BatchNormalization", "MaxPool 3x3 stride 2 pad 1", "Conv 50->16 3x3 stride 2 pad 1",
                "GlobalAveragePool", "Softmax");
        assertThat(report.took().toMillis()).isLessThan(1000);
    }

    @Test
    void aPerturbedConvolutionResultFailsTheSelfTestAndIsNamed() {
        ArithmeticReport report = new OnnxSelfTest(1, (operator, values) -> {
            if (operator.equals("Conv 20->50 5x5 pad 2")) {
                values[values.length / 2] += 0.05f;
            }
            return values;
        }).run();

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(OperatorCheck::operator).containsExactly("Conv 20->50 5x5 pad 2");
        assertThat(report.failureMessage(OnnxSelfTest.REMEDY)).contains("Conv 20->50 5x5 pad 2 on 2x50x14x14",
                "1 of 19600 values wrong", "No ONNX Runtime setting");
    }
}
