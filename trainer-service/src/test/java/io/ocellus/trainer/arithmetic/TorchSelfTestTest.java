package io.ocellus.trainer.arithmetic;

import ai.djl.Device;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.OperatorCheck;
import io.ocellus.vision.arithmetic.ResultTap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** libtorch's operators against the float64 reference, and the self-test catching a result made wrong on purpose. */
class TorchSelfTestTest {

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    @Test
    void everyOperatorFamilyMatchesTheReferenceForwardAndBackward() {
        ArithmeticReport report = new TorchSelfTest(Device.cpu(), ResultTap.NONE).run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(OperatorCheck::operator).contains(
                "convolution 20->50 5x5 pad 2 forward", "convolution 20->50 5x5 pad 2 input gradient",
                "convolution 20->50 5x5 pad 2 weight gradient", "convolution 3->5 3x3 stride 2 pad 1 bias gradient",
                "max pool 3x3 stride 2 pad 1 input gradient", "average pool 2x2 stride 2 forward",
                "global average pool input gradient", "dense 120->37 weight gradient", "relu input gradient",
                "leaky relu 0.1 forward", "elu 1.0 input gradient", "batch norm (training) gamma gradient",
                "softmax cross-entropy loss", "softmax cross-entropy gradient");
        assertThat(report.runtime()).startsWith("PyTorch 2.7.1 on cpu(), oneDNN ");
        assertThat(report.took().toMillis()).as("well under a second").isLessThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"convolution 20->50 5x5 pad 2 forward", "convolution 1->20 5x5 pad 2 weight gradient",
            "max pool 2x2 stride 2 input gradient", "average pool 2x2 stride 2 forward", "dense 120->37 forward",
            "elu 1.0 input gradient", "batch norm (training) input gradient", "softmax cross-entropy gradient"})
    void aPerturbedKernelResultFailsTheSelfTestAndIsNamed(String operator) {
        ArithmeticReport report = new TorchSelfTest(Device.cpu(), perturbing(operator)).run();

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(OperatorCheck::operator).containsExactly(operator);
        assertThat(report.failureMessage(SelfTestPolicy.REMEDY_ONEDNN)).contains(operator + " on ", "max error",
                report.cpu().model(), "ocellus.trainer.onednn=off");
    }

    /** Adds 0.05 to one value of {@code operator}'s result: the size of the error oneDNN made on LeNet. */
    static ResultTap perturbing(String operator) {
        return (name, values) -> {
            if (name.equals(operator)) {
                values[values.length / 2] += 0.05f;
            }
            return values;
        };
    }
}
