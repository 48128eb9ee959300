package io.ocellus.schema.events;

/**
 * Resume an earlier job from its checkpoint at {@code epoch}, optionally with a new learning rate (the
 * "stop, lower the rate, restart" practice).
 */
public record ResumeSpec(String jobId, int epoch, Double learningRate) {
}
