package io.ocellus.trainer.arithmetic;

import ai.djl.Device;
import io.ocellus.vision.arithmetic.ArithmeticReport;
import io.ocellus.vision.arithmetic.ResultTap;

/**
 * Runs the trainer's self-test under the configured oneDNN mode and decides what a failure means. In AUTO, a
 * failure with oneDNN on is tested again with oneDNN off, and the trainer keeps the setting that computes right:
 * the narrowest change that fixes oneDNN's wrong convolutions on some AVX-512 CPUs, and no cost elsewhere.
 */
public final class SelfTestPolicy {

    /** Where oneDNN is wrong and turning it off is right. */
    static final String REMEDY_ONEDNN = "Set ocellus.trainer.onednn=off (or auto, the default), which runs CPU "
            + "convolutions without oneDNN and passes this test.";
    /** Where libtorch is wrong whatever the setting. */
    static final String REMEDY_NONE = "Turning oneDNN off does not fix it: libtorch computes these operators wrong "
            + "on this CPU. Run the trainer on a CPU of another family or on a GPU; no job runs until the "
            + "self-test passes.";

    private final OneDnnMode mode;
    private final Device device;
    private final ResultTap tap;
    /** The report that made AUTO turn oneDNN off, kept for every later verdict. */
    private ArithmeticReport oneDnnFailure;

    public SelfTestPolicy(OneDnnMode mode, Device device, ResultTap tap) {
        this.mode = mode;
        this.device = device;
        this.tap = tap;
    }

    /** Applies the forced setting, if any; call once before the first {@link #verify}. */
    public void applyMode() {
        if (!device.isGpu() && mode != OneDnnMode.AUTO) {
            OneDnn.enable(mode == OneDnnMode.ON);
        }
    }

    /** The self-test's verdict under the current settings, after the AUTO fallback when that was needed. */
    public synchronized Verdict verify() {
        ArithmeticReport report = new TorchSelfTest(device, tap).run();
        if (report.passed()) {
            return new Verdict(report, oneDnnFailure, null);
        }
        boolean cpu = !device.isGpu();
        if (cpu && OneDnn.enabled() && mode == OneDnnMode.AUTO) {
            OneDnn.enable(false);
            ArithmeticReport without = new TorchSelfTest(device, tap).run();
            if (without.passed()) {
                oneDnnFailure = report;
                return new Verdict(without, report, null);
            }
            OneDnn.enable(true);
            return new Verdict(report, null, report.failureMessage(REMEDY_NONE));
        }
        boolean oneDnnToBlame = cpu && OneDnn.enabled() && mode == OneDnnMode.ON;
        return new Verdict(report, null, report.failureMessage(oneDnnToBlame ? REMEDY_ONEDNN : REMEDY_NONE));
    }

    /**
     * The outcome of one verification: the report in force, the failed report with oneDNN on when AUTO turned it
     * off ({@code oneDnnFailure}), and the failure message when no setting computes right.
     */
    public record Verdict(ArithmeticReport report, ArithmeticReport oneDnnFailure, String failure) {

        public boolean passed() {
            return failure == null;
        }

        /** One line for the log and the readiness response. */
        public String summary() {
            if (oneDnnFailure == null) {
                return report.summary();
            }
            return report.summary() + "; oneDNN was turned off because with it "
                    + oneDnnFailure.failures().size() + " check(s) failed, first "
                    + oneDnnFailure.failures().get(0).describe();
        }
    }
}
