package io.ocellus.trainer.export;

/** A block of the net that has no ONNX counterpart in the exporter. */
public final class UnsupportedExportException extends RuntimeException {

    public UnsupportedExportException(String message) {
        super(message);
    }
}
