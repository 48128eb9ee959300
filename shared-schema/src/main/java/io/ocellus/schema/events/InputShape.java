package io.ocellus.schema.events;

/** Network input tensor shape, channels first (CHW) as DJL and ONNX expect it. */
public record InputShape(int channels, int height, int width) {
}
