package io.ocellus.vision.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The ONNX Runtime session options every Ocellus session is opened with: all graph optimisations, one inter-op
 * thread (sessions run their operators in order, ONNX Runtime's sequential mode) and {@code threads} intra-op
 * threads that sleep between runs. ONNX Runtime's default is to let them spin, which costs a served model nothing
 * when it has the machine to itself, but on a box it shares with the broker, the store and the other services the
 * spinning took the CPU they needed: streamed classification ran at 0.37 of the REST path with spinning and 0.49
 * without (bench/stream-latency.sh, 2 cores).
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
