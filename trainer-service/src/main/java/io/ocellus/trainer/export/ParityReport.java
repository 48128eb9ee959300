package io.ocellus.trainer.export;

import java.util.Locale;

/** How an ONNX export compared with its DJL net on {@code samples} inputs. */
public record ParityReport(int samples, double maxAbsoluteDifference, int top1Mismatches, double tolerance) {

    public boolean passed() {
        return samples > 0 && maxAbsoluteDifference <= tolerance && top1Mismatches == 0;
    }

    public String summary() {
        return String.format(Locale.ROOT, "%d samples: max |p_djl - p_onnx| %.2e (tolerance %.0e), %d top-1 "
                + "mismatches", samples, maxAbsoluteDifference, tolerance, top1Mismatches);
    }
}
