package io.ocellus.trainer.arithmetic;

import ai.djl.Device;
import io.ocellus.trainer.engine.DjlSetup;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.CpuDescription;
import io.ocellus.vision.arithmetic.ResultTap;
import io.ocellus.vision.onnx.OnnxSelfTest;

/**
 * Prints this machine's CPU and the result of both arithmetic self-tests (libtorch as the trainer runs it, ONNX
 * Runtime as the servers run it) without starting a service; CI prints it at the top of its log. Exits 1 when
 * either fails.
 */
public final class SelfTestMain {

    private SelfTestMain() {
    }

    public static void main(String[] args) {
        System.out.println("CPU: " + CpuDescription.current());
        DjlSetup.start(DjlSetup.defaultCacheDir(), 0);
        SelfTestPolicy.Verdict torch = new SelfTestPolicy(OneDnnMode.AUTO, Device.cpu(), ResultTap.NONE).verify();
        System.out.println(torch.passed() ? torch.summary() : torch.failure());
        ArithmeticReport onnx = new OnnxSelfTest(0).run();
        System.out.println(onnx.passed() ? onnx.summary() : onnx.failureMessage(OnnxSelfTest.REMEDY));
        System.exit(torch.passed() && onnx.passed() ? 0 : 1);
    }
}
