package io.ocellus.vision.onnx;

/** Bytes that are not an ONNX model, or a model that is not an image classifier Ocellus can run. */
public final class InvalidOnnxModelException extends RuntimeException {

    public InvalidOnnxModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
