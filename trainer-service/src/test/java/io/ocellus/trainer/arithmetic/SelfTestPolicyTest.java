package io.ocellus.trainer.arithmetic;

import ai.djl.Device;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.vision.arithmetic.ResultTap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the trainer does when its arithmetic is wrong, with oneDNN's convolution made wrong on purpose: the way it
 * fails on an AVX-512 AMD EPYC (LeNet's 20 to 50 channel convolution, only while oneDNN runs it).
 */
class SelfTestPolicyTest {

    private static final String LENET_CONV = "convolution 20->50 5x5 pad 2 forward";
    private static final ResultTap WRONG_WITH_ONEDNN = (operator, values) ->
            OneDnn.enabled() ? TorchSelfTestTest.perturbing(LENET_CONV).apply(operator, values) : values;

    private boolean oneDnnBefore;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    @BeforeEach
    void rememberOneDnn() {
        oneDnnBefore = OneDnn.enabled();
        OneDnn.enable(true);
    }

    @AfterEach
    void restoreOneDnn() {
        OneDnn.enable(oneDnnBefore);
    }

    @Test
    void oneDnnCanBeTurnedOffAndOnFromJava() {
        OneDnn.enable(false);
        assertThat(OneDnn.enabled()).isFalse();
        OneDnn.enable(true);
        assertThat(OneDnn.enabled()).isTrue();
    }

    @Test
    void autoTurnsOneDnnOffWhenOnlyOneDnnIsWrongAndSaysSo() {
        SelfTestPolicy policy = new SelfTestPolicy(OneDnnMode.AUTO, Device.cpu(), WRONG_WITH_ONEDNN);

        SelfTestPolicy.Verdict verdict = policy.verify();

        assertThat(verdict.passed()).isTrue();
        assertThat(OneDnn.enabled()).isFalse();
        assertThat(verdict.report().runtime()).endsWith("oneDNN off");
        assertThat(verdict.summary()).contains("PASSED", "oneDNN was turned off", LENET_CONV);
        assertThat(policy.verify().summary()).as("later checks still say why").contains("oneDNN was turned off");
    }

    @Test
    void forcedOnItFailsAndNamesTheSettingThatFixesIt() {
        SelfTestPolicy policy = new SelfTestPolicy(OneDnnMode.ON, Device.cpu(), WRONG_WITH_ONEDNN);
        policy.applyMode();

        SelfTestPolicy.Verdict verdict = policy.verify();

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failure()).contains("FAILED", LENET_CONV + " on 2x50x14x14", "1 of 19600 values wrong",
                verdict.report().cpu().toString(), "ocellus.trainer.onednn=off");
    }

    @Test
    void whenNoSettingComputesRightItFailsAndKeepsOneDnnAsItWas() {
        SelfTestPolicy policy = new SelfTestPolicy(OneDnnMode.AUTO, Device.cpu(),
                TorchSelfTestTest.perturbing(LENET_CONV));

        SelfTestPolicy.Verdict verdict = policy.verify();

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failure()).contains(LENET_CONV, "Turning oneDNN off does not fix it");
        assertThat(OneDnn.enabled()).isTrue();
    }

    @Test
    void forcedOffTheConvolutionsStillMatchTheReference() {
        SelfTestPolicy policy = new SelfTestPolicy(OneDnnMode.OFF, Device.cpu(), ResultTap.NONE);
        policy.applyMode();

        assertThat(policy.verify().passed()).isTrue();
        assertThat(OneDnn.enabled()).isFalse();
    }
}
