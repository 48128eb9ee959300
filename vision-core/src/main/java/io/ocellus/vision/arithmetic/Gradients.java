package io.ocellus.vision.arithmetic;

/**
 * What a backward pass yields for one layer: the gradient of the loss with respect to the layer's input and, for
 * layers that have them, its weight (or batch norm's gamma) and bias (or beta); null where the layer has none.
 */
public record Gradients(Tensor input, Tensor weight, Tensor bias) {

    public static Gradients ofInput(Tensor input) {
        return new Gradients(input, null, null);
    }
}
