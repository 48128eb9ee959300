package io.ocellus.vision.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The ONNX Runtime session options every Ocellus session is opened with: all graph optimisations, one inter-op
 * thread (sessions run their operators in order, ONNX Runtime's sequential mode) and {@code threads} intra-op
 * threads. ONNX Runtime's default of spinning pool threads is kept: letting them sleep was no faster under load.
 */
final class SessionSettings {

    private SessionSettings() {
    }

    /** New options; the caller closes them once the session is created. {@code threads} 0: ONNX Runtime's choice. */
    static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setInterOpNumThreads(1);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
