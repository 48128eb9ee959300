package io.ocellus.trainer.registry;

import io.ocellus.trainer.export.ParityReport;

/** The ONNX export does not compute what the trained net computes; nothing is published. */
public final class ExportMismatchException extends RuntimeException {

    public static final String REASON = "EXPORT_MISMATCH";

    public ExportMismatchException(ParityReport report) {
        super(REASON + ": the ONNX export differs from the trained net on " + report.summary());
    }
}
