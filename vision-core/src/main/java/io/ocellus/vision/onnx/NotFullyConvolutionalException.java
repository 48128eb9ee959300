package io.ocellus.vision.onnx;

/** A classifier that cannot run densely over a whole image, with the reason (the detector then slides windows). */
public class NotFullyConvolutionalException extends RuntimeException {

    public NotFullyConvolutionalException(String reason) {
        super(reason);
    }
}
